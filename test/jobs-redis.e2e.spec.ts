import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { TestWorkers, waitUntil } from '../libs/jobs/src/testing/test-workers';
import { testStream } from '../libs/jobs/src/testing/test-job-kinds';
import { eventsIn as eventsOn } from '../libs/jobs/src/testing/test-job-client';
import { startRedisServer, type TestRedis } from './support/redis-server';
import { TEST_JWT_SECRET, tokenFor } from './support/tokens';

jest.setTimeout(60_000);

interface JobBody {
  readonly state: string;
  readonly progress: { readonly done: number } | null;
}

/** Short locks so a killed worker's job is picked up again within a couple of seconds. */
const JOB_ENV = { JOB_LOCK_MS: '1500', JOB_BACKOFF_MS: '50', JOB_CONCURRENCY: '1' };

describe('jobs on BullMQ (REDIS_URL set): the api enqueues, worker processes run them', () => {
  let redis: TestRedis;
  let app: NestExpressApplication;
  let analyst: string;
  const dataDir = newDataDir();

  const pool = new TestWorkers(dataDir, () => ({ ...JOB_ENV, REDIS_URL: redis.url, AUTH_JWT_SECRET: TEST_JWT_SECRET }));
  const workers = pool.running;
  const startWorker = (): Promise<ChildProcess> => pool.start();

  /** How the process ended: an exit code, or the signal Nest re-raises after its shutdown hooks. */
  const exited = (child: ChildProcess): Promise<string> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(String(child.exitCode ?? child.signalCode))
      : new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));

  const start = (body: object) =>
    request(app.getHttpServer()).post('/v1/jobs/test-append').set('Authorization', `Bearer ${analyst}`).send(body);
  const view = async (id: string) =>
    (await request(app.getHttpServer()).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${analyst}`)).body;

  const waitFor = (id: string, done: (job: JobBody) => boolean, ms?: number) =>
    waitUntil<Awaited<ReturnType<typeof view>>>(() => view(id), done, ms);

  const eventsIn = (runKey: string): Promise<number[]> => eventsOn(dataDir, runKey);
  async function recordedAt(runKey: string): Promise<string[]> {
    const store = SqliteEventStore.inDataDir(dataDir, { synchronous: 'NORMAL' });
    try {
      return (await store.readStream(testStream(runKey))).map((e) => e.metadata.recordedAt);
    } finally {
      await store.close();
    }
  }
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

  beforeAll(async () => {
    redis = await startRedisServer();
    app = await startApiWithTestKinds(dataDir, { ...JOB_ENV, REDIS_URL: redis.url, AUTH_JWT_SECRET: TEST_JWT_SECRET });
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
  });
  afterAll(async () => {
    pool.killAll();
    await app?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pidOf = (worker: string | null): number => Number(worker?.split(':').pop());
  const byPid = (pid: number): ChildProcess => {
    const child = [...workers].find((w) => w.pid === pid);
    if (child === undefined) throw new Error(`no worker with pid ${pid}`);
    return child;
  };

  it('only enqueues in the api; a cancelled queued job never runs; two workers share the queue', async () => {
    const cancelled = await start({ runKey: 'redis-cancelled', events: 3 });
    const long = await start({ runKey: 'redis-long', events: 60, delayMs: 50 });
    expect(long.status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect((await view(long.body.id)).state).toBe('queued');
    const cancel = await request(app.getHttpServer())
      .delete(`/v1/jobs/${cancelled.body.id}`)
      .set('Authorization', `Bearer ${analyst}`);
    expect(cancel.body.state).toBe('cancelled');

    await Promise.all([startWorker(), startWorker()]);
    // Each worker runs one job at a time: while one is busy with the long job, the other takes this one.
    const short = await start({ runKey: 'redis-short', events: 4 });
    const done = await Promise.all(
      [long, short].map((j) => waitFor(j.body.id, (v) => ['completed', 'failed'].includes(v.state))),
    );
    expect(done[1]).toMatchObject({
      state: 'completed',
      progress: { done: 4, total: 4, unit: 'events', percent: 100 },
      result: { summary: { appended: 4 } },
    });
    expect(done[0].state).toBe('completed');
    expect(pidOf(done[0].worker)).not.toBe(pidOf(done[1].worker));
    const file = await request(app.getHttpServer())
      .get(done[1].result.files[0].href)
      .set('Authorization', `Bearer ${analyst}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.text).toBe('appended 4\n');
    expect((await view(cancelled.body.id)).state).toBe('cancelled');
    expect(await eventsIn('redis-cancelled')).toEqual([]);
    expect(await eventsIn('redis-short')).toEqual(upTo(4));
    expect(await eventsIn('redis-long')).toEqual(upTo(60));
  });

  it('stops a running job when it is cancelled', async () => {
    const job = await start({ runKey: 'redis-cancel-running', events: 300, delayMs: 20 });
    await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 2);
    await request(app.getHttpServer()).delete(`/v1/jobs/${job.body.id}`).set('Authorization', `Bearer ${analyst}`);
    const stopped = await waitFor(job.body.id, (j) => ['cancelled', 'completed', 'failed'].includes(j.state));
    expect(stopped.state).toBe('cancelled');
    expect((await eventsIn('redis-cancel-running')).length).toBeLessThan(300);
  });

  it('jobs sharing an exclusive key run one at a time across workers; waiting for the key is not an attempt', async () => {
    const first = await start({ runKey: 'redis-lane-1', events: 30, delayMs: 50, lane: 'lane-a' });
    await waitFor(first.body.id, (j) => j.state === 'running');
    const second = await start({ runKey: 'redis-lane-2', events: 3, lane: 'lane-a' });
    const other = await start({ runKey: 'redis-no-lane', events: 3 });
    // The other worker is free: it runs the job without a key and leaves the keyed one waiting.
    await waitFor(other.body.id, (j) => j.state === 'completed');
    expect((await view(first.body.id)).state).toBe('running');
    expect((await view(second.body.id)).state).toBe('queued');
    expect(await eventsIn('redis-lane-2')).toEqual([]);
    const done = await waitFor(second.body.id, (j) => j.state === 'completed' || j.state === 'failed');
    expect(done).toMatchObject({ state: 'completed', attempts: 1, result: { summary: { appended: 3, attempt: 1 } } });
    const [firstEvents, secondEvents] = await Promise.all([recordedAt('redis-lane-1'), recordedAt('redis-lane-2')]);
    expect(firstEvents).toHaveLength(30);
    expect(secondEvents[0] ?? '').not.toBe('');
    expect((secondEvents[0] ?? '') >= (firstEvents[29] ?? '~')).toBe(true);
  });

  it('a worker killed mid-job (SIGKILL) leaves the job to the other worker, with exactly N events', async () => {
    const job = await start({ runKey: 'redis-killed', events: 30, delayMs: 40 });
    const running = await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 5);
    const victim = byPid(pidOf(running.worker));
    victim.kill('SIGKILL');
    await exited(victim);
    expect((await eventsIn('redis-killed')).length).toBeLessThan(30);
    const done = await waitFor(job.body.id, (j) => j.state === 'completed' || j.state === 'failed');
    expect(done.state).toBe('completed');
    expect(pidOf(done.worker)).not.toBe(victim.pid);
    expect(await eventsIn('redis-killed')).toEqual(upTo(30));
  });

  it('on SIGTERM a worker releases its job to the queue (not failed, not lost) and exits; the next worker finishes it', async () => {
    expect(workers.size).toBe(1);
    const [worker] = [...workers] as [ChildProcess];
    const job = await start({ runKey: 'redis-sigterm', events: 30, delayMs: 40 });
    await waitFor(job.body.id, (j) => (j.progress?.done ?? 0) >= 5);
    const stoppingAt = Date.now();
    worker.kill('SIGTERM');
    expect(['0', 'SIGTERM']).toContain(await exited(worker));
    expect(Date.now() - stoppingAt).toBeLessThan(5_000);
    // A worker that just died would leave the job active (running) until its lock lapsed.
    const released = await view(job.body.id);
    expect(released.state).toBe('queued');
    expect(released.error).toBeNull();
    await startWorker();
    const done = await waitFor(job.body.id, (j) => j.state === 'completed' || j.state === 'failed');
    expect(done.state).toBe('completed');
    expect(await eventsIn('redis-sigterm')).toEqual(upTo(30));
  });

  it('answers 503 (not 500, not a hang) while Redis is unreachable', async () => {
    for (const child of workers) child.kill('SIGKILL');
    await redis.stop();
    const startedAt = Date.now();
    const res = await start({ runKey: 'redis-down', events: 1 });
    expect(res.status).toBe(503);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    const list = await request(app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${analyst}`);
    expect(list.status).toBe(503);
  });
});
