import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { appendSearches, finished } from '../libs/audit/src/jobs/testing/audit-jobs-client';
import { filesKey } from '../libs/jobs/src/bullmq/redis-keys';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { TestWorkers } from '../libs/jobs/src/testing/test-workers';
import { maracReferral, person } from './support/referrals';
import { startRedisServer, type TestRedis } from './support/redis-server';
import { AUDITOR, COORDINATOR_ALL_PANELS, TEST_JWT_SECRET, tokenFor } from './support/tokens';

jest.setTimeout(90_000);

/**
 * The audit jobs on BullMQ (REDIS_URL set): the api only enqueues, and a worker process on the
 * same DATA_DIR runs them to the GET routes' reports.
 */
describe('audit jobs on BullMQ: a worker process runs them', () => {
  let redis: TestRedis;
  let app: NestExpressApplication;
  let auditor = '';
  let victim: { caseId: string; personId: string };
  const dataDir = newDataDir();
  const env = () => ({ JOB_BACKOFF_MS: '50', REDIS_URL: redis.url, AUTH_JWT_SECRET: TEST_JWT_SECRET });
  const pool = new TestWorkers(dataDir, env);

  const get = (url: string) =>
    request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${auditor}`).buffer(true);
  const started = async (kind: string, body: object): Promise<string> =>
    (await request(app.getHttpServer()).post(`/v1/jobs/${kind}`).set('Authorization', `Bearer ${auditor}`).send(body))
      .body.id as string;

  beforeAll(async () => {
    redis = await startRedisServer();
    app = await startApiWithTestKinds(dataDir, env());
    auditor = await tokenFor(AUDITOR);
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const made = await request(app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(maracReferral({ person: person({ forenames: 'Tamsin', surname: 'Queueing' }) }))
      .expect(201);
    victim = made.body;
    await appendSearches(app, 1500, victim.personId);
    await pool.start();
  });
  afterAll(async () => {
    pool.killAll();
    await app?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs audit-verify to the GET’s report, with progress over the whole log', async () => {
    const viaGet = (await get('/v1/audit/verify').expect(200)).body;
    // Started after the GET, so its walk includes the GET's own report-run entry.
    const id = await started('audit-verify', {});
    const done = await finished(() => get(`/v1/jobs/${id}`), 60_000);
    const viaJob = done.result?.summary as typeof viaGet;

    expect(done).toMatchObject({ state: 'completed', progress: { percent: 100 } });
    expect(viaJob).toMatchObject({ ok: true, checked: viaGet.checked + 1, unsealed: { count: 0 } });
    expect(viaJob.checked).toBeGreaterThan(1500);
    expect(done.progress?.done).toBe(viaJob.checked);
  });

  it('runs subject-access to the GET’s report, left as a file for the starter', async () => {
    const viaGet = (await get(`/v1/audit/subject-access/${victim.personId}`).expect(200)).body;
    const id = await started('subject-access', { personId: victim.personId });
    const done = await finished(() => get(`/v1/jobs/${id}`), 60_000);

    expect(done).toMatchObject({ state: 'completed', progress: { percent: 100 } });
    const viaJob = JSON.parse((await get(`/v1/jobs/${id}/files/subject-access.json`).expect(200)).text);
    // The GET's own export of her came before the job: the one read more.
    expect(viaJob.reads.at(-1)).toMatchObject({ action: 'export', subject: 'subject-access' });
    expect({ ...viaJob, generatedAt: '', reads: viaJob.reads.slice(0, -1) }).toEqual({ ...viaGet, generatedAt: '' });
  });

  it('gives MARAC content left in only to its starter, and only while they sit on MARAC', async () => {
    const marac = { sub: 'auditor-marac', roles: ['auditor'], panels: ['MARAC'] } as const;
    const [onMarac, offMarac, admin] = await Promise.all([
      tokenFor(marac),
      tokenFor({ ...marac, panels: [] }),
      tokenFor({ sub: 'admin-1', roles: ['admin'] }),
    ]);
    const as = (url: string, token: string) =>
      request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`).buffer(true);
    const body = { personId: victim.personId, redactMarac: false };
    const id = (
      await request(app.getHttpServer())
        .post('/v1/jobs/subject-access')
        .set('Authorization', `Bearer ${onMarac}`)
        .send(body)
    ).body.id as string;
    expect(await finished(() => as(`/v1/jobs/${id}`, onMarac), 60_000)).toMatchObject({ state: 'completed' });

    const file = `/v1/jobs/${id}/files/subject-access.json`;
    expect(JSON.parse((await as(file, onMarac).expect(200)).text)).toMatchObject({ maracRedacted: false });
    expect((await as(file, offMarac).expect(403)).body).toMatchObject({ rule: 'job-file-panel-member' });
    expect((await as(file, admin).expect(403)).body).toMatchObject({ rule: 'job-files-starter-only' });
  });

  it('files each download of either file under the person, and serves a file kept before files said whom', async () => {
    const id = await started('subject-access', { personId: victim.personId });
    expect(await finished(() => get(`/v1/jobs/${id}`), 60_000)).toMatchObject({ state: 'completed' });
    const downloads: Record<string, string> = { 'subject-access.json': randomUUID(), 'reads.csv': randomUUID() };
    for (const [name, correlationId] of Object.entries(downloads))
      await get(`/v1/jobs/${id}/files/${name}`).set('X-Correlation-Id', correlationId).expect(200);

    const trail = await get(`/v1/audit/trail?personId=${victim.personId}&action=export&limit=1000`).expect(200);
    const items = trail.body.items as { correlationId?: string; personIds?: string[]; pathParameters?: unknown }[];
    expect(items.filter((item) => Object.values(downloads).includes(item.correlationId ?? ''))).toEqual(
      Object.keys(downloads).map((name) =>
        expect.objectContaining({ personIds: [victim.personId], pathParameters: { id, name } }),
      ),
    );

    // As a worker from before kept it: no `aboutPersonIds`. Still served, recorded under nobody.
    const client = new Redis(redis.url);
    try {
      const kept = JSON.parse((await client.hget(filesKey(id), 'reads.csv')) ?? '{}') as Record<string, unknown>;
      expect(kept.aboutPersonIds).toEqual([victim.personId]);
      await client.hset(
        filesKey(id),
        'reads.csv',
        JSON.stringify({ contentType: kept.contentType, content: kept.content }),
      );
    } finally {
      client.disconnect();
    }
    const before = randomUUID();
    const served = await get(`/v1/jobs/${id}/files/reads.csv`).set('X-Correlation-Id', before).expect(200);
    expect(served.text).toContain('subject-access');
    const recorded = await get(`/v1/audit/trail?action=export&limit=1000`).expect(200);
    const entry = (recorded.body.items as { correlationId?: string }[]).find((item) => item.correlationId === before);
    expect(entry).toMatchObject({ subject: 'job-file', personIds: [] });
  });
});
