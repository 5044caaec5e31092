import request from 'supertest';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic people; enough rows (two batches) that both uploads are in flight together.
const FILE = [
  HEADER,
  ...Array.from({ length: 400 }, (_, i) => `S${String(400_000 + i)},,Sam${i},Doublesubmit,1981-01-01,,80,40,N`),
].join('\n');

interface JobBody {
  readonly state: string;
  readonly error: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly result: { readonly summary: Record<string, unknown>; readonly files: { name: string; href: string }[] };
}

describe('the same IOM file uploaded twice at once (a double submit)', () => {
  let api: TestApi;
  let coordinator: string;

  beforeAll(async () => {
    // A failed attempt would stay visible while it waits for its retry; two jobs may run at once.
    api = await startTestApi({ JOB_BACKOFF_MS: '5000', JOB_CONCURRENCY: '2' });
    coordinator = await tokenFor({ sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(() => api.close());

  const upload = () =>
    request(api.app.getHttpServer())
      .post('/v1/jobs/iom-import?month=2024-05')
      .set('Authorization', `Bearer ${coordinator}`)
      .set('Content-Type', 'text/csv')
      .send(FILE);
  const view = async (id: string): Promise<JobBody> =>
    (await request(api.app.getHttpServer()).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${coordinator}`)).body;
  const download = async (file: { href: string }) =>
    (await request(api.app.getHttpServer()).get(file.href).set('Authorization', `Bearer ${coordinator}`)).text;

  it('the second waits for the first and answers with its report; the coordinator never sees an error', async () => {
    const [first, second] = await Promise.all([upload(), upload()]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const ids = [first.body.id as string, second.body.id as string];
    const errorsSeen = new Set<string>();
    const until = Date.now() + 60_000;
    let jobs: JobBody[];
    for (;;) {
      jobs = await Promise.all(ids.map(view));
      for (const job of jobs) if (job.error !== null) errorsSeen.add(job.error);
      if (jobs.every((j) => ['completed', 'failed', 'cancelled'].includes(j.state)) || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect([...errorsSeen]).toEqual([]);
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed']);
    const [ran, joined] = [...jobs].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    if (ran === undefined || joined === undefined) throw new Error('two jobs expected');
    // One at a time: the second started once the first had finished.
    expect((joined.startedAt ?? '') >= (ran.finishedAt ?? '~')).toBe(true);
    expect(ran.result.summary).toMatchObject({ rows: 400, new: 400, unchanged: 0, alreadyImported: false });
    expect(joined.result.summary).toEqual({ ...ran.result.summary, alreadyImported: true });
    const newCsv = (job: JobBody) => download(job.result.files.find((f) => f.name === 'new.csv') ?? { href: '' });
    expect(await newCsv(joined)).toBe(await newCsv(ran));

    const store = SqliteEventStore.inDataDir(api.dataDir, { synchronous: 'NORMAL' });
    try {
      expect((await store.readAll({})).filter((e) => e.type === 'referral-made')).toHaveLength(400);
    } finally {
      await store.close();
    }
  }, 90_000);
});
