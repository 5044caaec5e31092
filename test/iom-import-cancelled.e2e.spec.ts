import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { cohortProjection } from '../libs/case-lifecycle/src/projections/cohort.projection';
import { ProjectorRuntime } from '../libs/read-models/src/projector-runtime';
import { qualifiedName } from '../libs/read-models/src/projection-naming';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const MONTH = '2021-06';
// Synthetic people; enough batches of 250 that the upload is still running when it is cancelled.
const FILE = [
  HEADER,
  ...Array.from({ length: 2000 }, (_, i) => `K${String(500_000 + i)},,Kim${i},Cancelledupload,1983-01-01,,80,40,N`),
].join('\n');

describe('an IOM upload cancelled by a coordinator (the real API, embedded runner)', () => {
  let api: TestApi;
  let coordinator: string;
  let auditor: string;

  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor({ sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] });
    auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'], agency: 'Council Audit' });
  });
  afterAll(() => api.close());

  const upload = async (): Promise<string> =>
    (
      await request(api.app.getHttpServer())
        .post(`/v1/jobs/iom-import?month=${MONTH}`)
        .set('Authorization', `Bearer ${coordinator}`)
        .set('Content-Type', 'text/csv')
        .send(FILE)
        .expect(202)
    ).body.id as string;
  const finished = async (id: string): Promise<{ state: string; result: { summary: Record<string, unknown> } }> => {
    const until = Date.now() + 90_000;
    for (;;) {
      const job = await request(api.app.getHttpServer())
        .get(`/v1/jobs/${id}`)
        .set('Authorization', `Bearer ${coordinator}`);
      if (['completed', 'failed', 'cancelled'].includes(job.body.state)) return job.body;
      if (Date.now() > until) throw new Error(`job ${id} still ${job.body.state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  /** The month's upload rows panel_cohort holds, and those it counts as evidence. */
  const uploadRows = (): { held: number; counted: number } => {
    const db = new Database(join(api.dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      const count = (table: string) =>
        db
          .prepare<[string], number>(
            `SELECT count(*) FROM ${qualifiedName(cohortProjection.name, cohortProjection.version, table)} WHERE month = ?`,
          )
          .pluck()
          .get(MONTH) ?? 0;
      return { held: count('iom_upload_pending'), counted: count('iom_upload_evidence') };
    } finally {
      db.close();
    }
  };
  const projections = () => api.app.get(ProjectorRuntime);

  it('leaves none of its rows held, after a rebuild too; the same file uploaded again is counted once complete', async () => {
    const first = await upload();
    const until = Date.now() + 60_000;
    while (uploadRows().held === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(uploadRows().held).toBeGreaterThan(0);
    await request(api.app.getHttpServer())
      .delete(`/v1/jobs/${first}`)
      .set('Authorization', `Bearer ${coordinator}`)
      .expect(200);
    expect((await finished(first)).state).toBe('cancelled');

    await projections().catchUp();
    expect(uploadRows()).toEqual({ held: 0, counted: 0 });
    const trail = await request(api.app.getHttpServer())
      .get('/v1/audit/trail')
      .query({ action: 'iom-cohort-upload-cancelled' })
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(trail.body.items.map((item: { action: string }) => item.action)).toEqual(['iom-cohort-upload-cancelled']);
    await projections().rebuild(cohortProjection.name);
    expect(uploadRows()).toEqual({ held: 0, counted: 0 });

    const again = await finished(await upload());
    expect(again).toMatchObject({ state: 'completed', result: { summary: { rows: 2000, imported: 2000 } } });
    await projections().catchUp();
    expect(uploadRows()).toEqual({ held: 0, counted: 2000 });
  }, 180_000);
});
