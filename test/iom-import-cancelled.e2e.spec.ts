import Database from 'better-sqlite3';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { cohortProjection } from '../libs/case-lifecycle/src/projections/cohort.projection';
import { ProjectorRuntime } from '../libs/read-models/src/projector-runtime';
import { qualifiedName } from '../libs/read-models/src/projection-naming';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { startTestApi, type TestApi } from './support/test-api';
import { TEST_JWT_SECRET, tokenFor } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const MONTH = '2021-06';
// Synthetic people; enough batches of 250 that the upload is still running when it is cancelled.
const FILE = [
  HEADER,
  ...Array.from({ length: 2000 }, (_, i) => `K${String(500_000 + i)},,Kim${i},Cancelledupload,1983-01-01,,80,40,N`),
].join('\n');

/** The month's upload rows panel_cohort holds, and those it counts as evidence. */
function uploadRowsIn(dataDir: string): { held: number; counted: number } {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
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
}

/** The file, as the coordinator whose token this is; the job's id. */
const uploadTo = async (app: NestExpressApplication, token: string): Promise<string> =>
  (
    await request(app.getHttpServer())
      .post(`/v1/jobs/iom-import?month=${MONTH}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/csv')
      .send(FILE)
      .expect(202)
  ).body.id as string;

const eventually = async (done: () => boolean, ms = 60_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
};

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

  const upload = (): Promise<string> => uploadTo(api.app, coordinator);
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
  const uploadRows = () => uploadRowsIn(api.dataDir);
  const projections = () => api.app.get(ProjectorRuntime);

  it('leaves none of its rows held, after a rebuild too; the same file uploaded again is counted once complete', async () => {
    const first = await upload();
    await eventually(() => uploadRows().held > 0);
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

/**
 * An upload stopped part-way by a shutdown waits to resume, holding its earlier batches' rows. No
 * run sees a cancellation then: the runner tells the import, which records it as a cancelled run would.
 */
describe('an IOM upload cancelled while it waits to resume (embedded runner, restarted api)', () => {
  const dataDir = newDataDir();
  let app: NestExpressApplication | undefined;
  let coordinator: string;
  let auditor: string;

  beforeAll(async () => {
    coordinator = await tokenFor({ sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] });
    auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'], agency: 'Council Audit' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const startApi = async (): Promise<NestExpressApplication> =>
    (app = await startApiWithTestKinds(dataDir, { AUTH_JWT_SECRET: TEST_JWT_SECRET }));
  const jobState = async (api: NestExpressApplication, id: string): Promise<string> =>
    (await request(api.getHttpServer()).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${coordinator}`)).body
      .state as string;

  it('releases the rows its earlier runs held, and records the cancellation once', async () => {
    const first = await startApi();
    const id = await uploadTo(first, coordinator);
    await eventually(() => uploadRowsIn(dataDir).held > 0);
    await first.close();
    app = undefined;
    expect(uploadRowsIn(dataDir).held).toBeGreaterThan(0);
    // What a failed attempt's backoff leaves: queued, not due for a while, so it waits on restart.
    const jobs = new Database(join(dataDir, 'jobs.sqlite'));
    jobs.prepare('UPDATE jobs SET not_before = ? WHERE id = ?').run(Date.now() + 3_600_000, id);
    jobs.close();

    const second = await startApi();
    expect(await jobState(second, id)).toBe('queued');
    await request(second.getHttpServer())
      .delete(`/v1/jobs/${id}`)
      .set('Authorization', `Bearer ${coordinator}`)
      .expect(200);
    const finished = Date.now() + 30_000;
    while (Date.now() < finished) {
      const view = await request(second.getHttpServer())
        .get(`/v1/jobs/${id}`)
        .set('Authorization', `Bearer ${coordinator}`);
      if (view.body.finishedAt !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await jobState(second, id)).toBe('cancelled');
    await second.get(ProjectorRuntime).catchUp();
    expect(uploadRowsIn(dataDir)).toEqual({ held: 0, counted: 0 });
    const trail = await request(second.getHttpServer())
      .get('/v1/audit/trail')
      .query({ action: 'iom-cohort-upload-cancelled' })
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(trail.body.items).toHaveLength(1);
  }, 180_000);
});
