import { MAX_LEASE_LOSSES } from '../libs/jobs/src/bullmq/bullmq-job-worker';
import { redisJobsWorld } from '../libs/jobs/src/testing/redis-jobs-world';
import { CANCELLATION_INDEX } from '../libs/jobs/src/testing/test-job-kinds';
import { waitUntil } from '../libs/jobs/src/testing/test-workers';

jest.setTimeout(60_000);

const JOB_ENV = { JOB_LOCK_MS: '1500', JOB_BACKOFF_MS: '50', JOB_CONCURRENCY: '1' };
/** The lease of a lane of the test kind: the key is prefixed with the kind (libs/jobs/src/bullmq/redis-keys.ts). */
const leaseOf = (lane: string): string => `ccb:jobs:exclusive:test-append:${lane}`;

/**
 * A job holding an exclusive key must stop once it can no longer be sure it holds the key: a
 * worker stalled or cut off from Redis for longer than JOB_LOCK_MS has lost the lease, and the
 * next upload of the same file may already be running.
 */
describe('jobs on BullMQ: a job that loses its exclusive lease stops and waits its turn', () => {
  const world = redisJobsWorld(JOB_ENV);
  const { start, cancel, waitFor } = world.jobs;
  const { eventsIn } = world;
  const client = world.client;
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

  /** While another job holds the key, the stopped one writes nothing more. */
  async function writesNothingFor(runKey: string, ms: number): Promise<void> {
    const before = (await eventsIn(runKey)).length;
    await new Promise((r) => setTimeout(r, ms));
    expect((await eventsIn(runKey)).length).toBe(before);
  }

  beforeAll(() => world.pool.start());

  it('finding its lease taken by another job, it stops, waits queued (no attempt used) and then finishes with exactly N events', async () => {
    const job = await start({ runKey: 'lease-taken', events: 40, delayMs: 50, lane: 'lane-taken' });
    await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 3);
    // What the lease looks like after it lapsed and the next upload of the file took it.
    await client().set(leaseOf('lane-taken'), 'the-next-upload', 'PX', 4_000);
    await waitFor(job.body.id, (j) => j.state === 'queued', 3_000);
    expect((await eventsIn('lease-taken')).length).toBeLessThan(40);
    await writesNothingFor('lease-taken', 1_500);
    await client().del(leaseOf('lane-taken'));
    const done = await waitFor(job.body.id, (j) => j.state === 'completed' || j.state === 'failed');
    expect(done).toMatchObject({ state: 'completed', attempts: 1 });
    expect(await eventsIn('lease-taken')).toEqual(upTo(40));
  });

  it('when its renewals keep failing, it stops before the lease could lapse, and finishes once Redis answers again', async () => {
    const job = await start({ runKey: 'lease-unconfirmed', events: 40, delayMs: 50, lane: 'lane-unconfirmed' });
    await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 3);
    // A value of the wrong type makes every renewal an error, as an unreachable Redis would.
    await client().del(leaseOf('lane-unconfirmed'));
    await client().hset(leaseOf('lane-unconfirmed'), 'held', 'unknown');
    const before = (await eventsIn('lease-unconfirmed')).length;
    await waitFor(job.body.id, (j) => j.state === 'queued', 3_000);
    // Stopped before the lease could lapse: fewer events than JOB_LOCK_MS (1.5 s) holds at one per 50 ms.
    expect((await eventsIn('lease-unconfirmed')).length - before).toBeLessThan(1_500 / 50);
    // Its next try finds the key unreadable too, and waits again (not an attempt) until Redis answers.
    await writesNothingFor('lease-unconfirmed', 1_500);
    await client().del(leaseOf('lane-unconfirmed'));
    const done = await waitFor(job.body.id, (j) => j.state === 'completed' || j.state === 'failed');
    expect(done).toMatchObject({ state: 'completed', attempts: 1 });
    expect(await eventsIn('lease-unconfirmed')).toEqual(upTo(40));
  });

  it('cancelled while it waits to run again, its kind is told once, holding the key, and the job ends cancelled', async () => {
    const job = await start({ runKey: 'lease-then-cancel', events: 40, delayMs: 50, lane: 'lane-cancel' });
    await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 3);
    await client().set(leaseOf('lane-cancel'), 'the-next-upload', 'PX', 10_000);
    await waitFor(job.body.id, (j) => j.state === 'queued', 3_000);
    expect((await cancel(job.body.id)).body.state).toBe('cancelled');
    // Not while the next upload holds the key: it could be writing under the same names.
    await writesNothingFor('lease-then-cancel', 1_500);
    await client().del(leaseOf('lane-cancel'));
    await waitFor(job.body.id, (j) => j.state === 'cancelled' && j.error === null);
    const until = Date.now() + 10_000;
    while (!(await eventsIn('lease-then-cancel')).includes(CANCELLATION_INDEX) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const written = await eventsIn('lease-then-cancel');
    expect(written.filter((index) => index === CANCELLATION_INDEX)).toHaveLength(1);
    expect(written.length).toBeLessThan(40);
  });

  it('a cancellation hook slower than JOB_LOCK_MS keeps the key: the next upload of the file cannot start meanwhile', async () => {
    const job = await start({
      runKey: 'slow-hook',
      events: 40,
      delayMs: 50,
      lane: 'lane-slow-hook',
      cancelHookMs: 4_000,
    });
    await waitFor(job.body.id, (j) => j.state === 'running' && (j.progress?.done ?? 0) >= 3);
    await client().set(leaseOf('lane-slow-hook'), 'the-next-upload', 'PX', 10_000);
    await waitFor(job.body.id, (j) => j.state === 'queued', 3_000);
    await cancel(job.body.id);
    await client().del(leaseOf('lane-slow-hook'));
    await waitUntil(
      () => client().get(leaseOf('lane-slow-hook')),
      (holder) => holder === job.body.id,
      5_000,
    );
    // Twice JOB_LOCK_MS into the hook: a lease nobody renewed would have lapsed by now.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await client().get(leaseOf('lane-slow-hook'))).toBe(job.body.id);
    expect(await eventsIn('slow-hook')).not.toContain(CANCELLATION_INDEX);
    await waitUntil(
      () => eventsIn('slow-hook'),
      (written) => written.includes(CANCELLATION_INDEX),
      10_000,
    );
    await waitUntil(
      () => client().get(leaseOf('lane-slow-hook')),
      (holder) => holder === null,
      5_000,
    );
  });

  it(`a job whose every run stalls past half of JOB_LOCK_MS fails after ${MAX_LEASE_LOSSES} lease losses, saying so`, async () => {
    // 900 ms without renewing, against a 750 ms bound: the lease is lost on every run.
    const job = await start({ runKey: 'lease-stalls', events: 5, delayMs: 50, lane: 'lane-stalls', stallMs: 900 });
    const done = await waitFor(job.body.id, (j) => j.state === 'failed' || j.state === 'completed', 50_000);
    expect(done).toMatchObject({ state: 'failed', attempts: 1 });
    expect(done.error).toContain(`losing its exclusive lease ${MAX_LEASE_LOSSES} times`);
  }, 60_000);
});
