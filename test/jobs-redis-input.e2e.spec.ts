import { waitUntil } from '../libs/jobs/src/testing/test-workers';
import { redisJobsWorld } from '../libs/jobs/src/testing/redis-jobs-world';

jest.setTimeout(60_000);

/** A retry waits long enough (1.5 s) to look at the job while it waits. */
const JOB_ENV = { JOB_LOCK_MS: '1500', JOB_BACKOFF_MS: '1500', JOB_CONCURRENCY: '2' };

describe('jobs on BullMQ: a finished job keeps no copy of its input in Redis', () => {
  const world = redisJobsWorld(JOB_ENV);
  const { pool, client } = world;
  const { start, view, cancel, waitFor } = world.jobs;

  /** Everything Redis holds about the job, as one text: the run key must not be in it. */
  async function storedAbout(id: string): Promise<string> {
    const keys = await client().keys(`ccb:*${id}*`);
    const values = await Promise.all(
      keys.map(async (key) =>
        (await client().type(key)) === 'hash' ? JSON.stringify(await client().hgetall(key)) : '',
      ),
    );
    return values.join('\n');
  }
  /** The input as the job data holds it: the dataset we must not keep once the job is over. */
  const inputOf = async (id: string): Promise<unknown> =>
    (JSON.parse((await client().hget(`ccb:jobs:${id}`, 'data')) ?? '{}') as { input?: unknown }).input;

  it('a job cancelled while queued forgets its input at once, with no worker up', async () => {
    const job = await start({ runKey: 'input-queued-cancelled', events: 2 });
    expect(await inputOf(job.body.id)).toMatchObject({ runKey: 'input-queued-cancelled' });
    expect((await cancel(job.body.id)).body.state).toBe('cancelled');
    expect(await inputOf(job.body.id)).toBeUndefined();
    expect(await storedAbout(job.body.id)).not.toContain('input-queued-cancelled');
    await pool.start();
    await new Promise((r) => setTimeout(r, 300));
    expect((await view(job.body.id)).state).toBe('cancelled');
  });

  it('completed, failed for good and cancelled while running: no input left; state and result stay', async () => {
    if (pool.running.size === 0) await pool.start();
    const completed = await start({ runKey: 'input-completed', events: 3 });
    const rejected = await start({ runKey: 'input-rejected', events: 3, failWith: 'rejection' });
    const done = await waitFor(completed.body.id, (j) => j.state === 'completed');
    const failed = await waitFor(rejected.body.id, (j) => j.state === 'failed');
    expect(failed.error).toBe('test-rule: refused by a rule');
    const running = await start({ runKey: 'input-cancelled-running', events: 300, delayMs: 20 });
    await waitFor(running.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 2);
    await cancel(running.body.id);
    await waitFor(running.body.id, (j) => j.state === 'cancelled');
    // Dropped just after BullMQ records the outcome.
    await new Promise((r) => setTimeout(r, 300));
    for (const [job, runKey] of [
      [completed, 'input-completed'],
      [rejected, 'input-rejected'],
      [running, 'input-cancelled-running'],
    ] as const) {
      expect(await inputOf(job.body.id)).toBeUndefined();
      expect(await storedAbout(job.body.id)).not.toContain(runKey);
    }
    expect(done).toMatchObject({ state: 'completed', result: { summary: { appended: 3 } } });
    expect((await view(rejected.body.id)).state).toBe('failed');
    expect((await view(running.body.id)).state).toBe('cancelled');
  });

  it('a job waiting for its retry keeps its input, and forgets it once the retry completes', async () => {
    const job = await start({ runKey: 'input-retried', events: 3, failFirstAttemptAfter: 1 });
    const waiting = await waitFor(job.body.id, (j) => j.state === 'queued' && j.attempts === 1 && j.error !== null);
    expect(waiting.error).toBe('simulated crash');
    expect(await inputOf(job.body.id)).toMatchObject({ runKey: 'input-retried', events: 3 });
    const done = await waitFor(job.body.id, (j) => j.state === 'completed');
    expect(done.attempts).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await inputOf(job.body.id)).toBeUndefined();
  });

  it('a worker that died after BullMQ recorded the outcome but before removing the input: the next worker to start removes it', async () => {
    if (pool.running.size === 0) await pool.start();
    const completed = await start({ runKey: 'input-left-completed', events: 2 });
    const rejected = await start({ runKey: 'input-left-failed', events: 2, failWith: 'rejection' });
    await waitFor(completed.body.id, (j) => j.state === 'completed');
    await waitFor(rejected.body.id, (j) => j.state === 'failed');
    await new Promise((r) => setTimeout(r, 300));
    pool.killAll();
    await waitUntil(
      async () => pool.running.size,
      (size) => size === 0,
    );
    // What that crash leaves: the outcome recorded, the input still in the job data.
    for (const [job, runKey] of [
      [completed, 'input-left-completed'],
      [rejected, 'input-left-failed'],
    ] as const) {
      const data = JSON.parse((await client().hget(`ccb:jobs:${job.body.id}`, 'data')) ?? '{}') as object;
      await client().hset(`ccb:jobs:${job.body.id}`, 'data', JSON.stringify({ ...data, input: { runKey, events: 2 } }));
      expect(await inputOf(job.body.id)).toMatchObject({ runKey });
    }
    await pool.start();
    const left = await waitUntil(
      () => Promise.all([inputOf(completed.body.id), inputOf(rejected.body.id)]),
      (inputs) => inputs.every((input) => input === undefined),
      5_000,
    );
    expect(left).toEqual([undefined, undefined]);
    expect(await storedAbout(completed.body.id)).not.toContain('input-left-completed');
    expect(await view(completed.body.id)).toMatchObject({ state: 'completed', result: { summary: { appended: 2 } } });
    expect(await view(rejected.body.id)).toMatchObject({ state: 'failed', error: 'test-rule: refused by a rule' });
  });
});
