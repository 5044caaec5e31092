import { ServiceUnavailableException } from '@nestjs/common';
import { Redis } from 'ioredis';
import { startRedisServer, type TestRedis } from '../../../../test/support/redis-server';
import { REVIEW_DECISIONS_KEY, ReviewDecisionsLease, type LeaseTiming } from './review-decisions-lease';
import { RedisReviewDecisionTurns } from './redis-review-decision-turns';

/** Short enough that a lapse or a refused wait shows within a test, long enough to see waiting. */
const TIMING: LeaseTiming = { ttlMs: 600, waitMs: 1500, pollMs: 20 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ruleOf = (error: unknown) =>
  error instanceof ServiceUnavailableException ? (error.getResponse() as { rule?: string }).rule : error;

describe('the review decisions lease, on a real Redis', () => {
  let server: TestRedis;
  let admin: Redis;
  const clients: Redis[] = [];
  /** One API process's connection and lease; each test's processes share the one key. */
  const process = (timing: LeaseTiming = TIMING) => {
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    clients.push(redis);
    return { redis, lease: new ReviewDecisionsLease(redis, timing) };
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterEach(async () => {
    // quit waits for the server's goodbye, so no socket outlives the spec.
    await Promise.all(clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
    await admin.del(REVIEW_DECISIONS_KEY);
  });
  afterAll(async () => {
    await admin?.quit();
    await server?.stop();
  });

  it("takes a second process's decision only once the first has given the lease back", async () => {
    const [first, second] = [process(), process()];
    const steps: string[] = [];
    let finishFirst: () => void = () => undefined;
    const firstDecision = first.lease.holding(async () => {
      steps.push('first starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      steps.push('first ends');
    });
    await sleep(50);
    const secondDecision = second.lease.holding(async () => void steps.push('second starts'));
    await sleep(200);
    expect(steps).toEqual(['first starts']);
    finishFirst();
    await Promise.all([firstDecision, secondDecision]);
    expect(steps).toEqual(['first starts', 'first ends', 'second starts']);
    expect(await first.redis.exists(REVIEW_DECISIONS_KEY)).toBe(0);
  });

  it('lets a lease never given back (its process died) lapse after its TTL', async () => {
    const [dead, next] = [process(), process()];
    await dead.lease.take();
    const asked = Date.now();
    await next.lease.holding(async () => undefined);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(TIMING.ttlMs - 50);
    expect(Date.now() - asked).toBeLessThan(TIMING.waitMs);
  });

  it('keeps the lease for a live decision that runs past its TTL, so no other process decides meanwhile', async () => {
    const slow = process();
    const next = process({ ...TIMING, waitMs: 4 * TIMING.ttlMs });
    const steps: string[] = [];
    const slowDecision = slow.lease.holding(async () => {
      steps.push('slow starts');
      await sleep(3 * TIMING.ttlMs);
      steps.push('slow ends');
    });
    await sleep(50);
    await next.lease.holding(async () => void steps.push('next starts'));
    await slowDecision;
    expect(steps).toEqual(['slow starts', 'slow ends', 'next starts']);
  });

  it("renews only the lease it holds: never another process's, never one that has lapsed", async () => {
    const { redis, lease } = process();
    const token = await lease.take();
    expect(await lease.renew('another-token')).toBe(false);
    await sleep(TIMING.ttlMs + 100);
    expect(await redis.get(REVIEW_DECISIONS_KEY)).toBeNull();
    expect(await lease.renew(token)).toBe(false);
  });

  it('refuses with 503 review-decisions-busy once the wait is over, without running the decision', async () => {
    const holder = process({ ...TIMING, ttlMs: 10_000 });
    const waiter = process({ ...TIMING, waitMs: 300 });
    await holder.lease.take();
    const decide = jest.fn(async () => 'recorded');
    const refused = await waiter.lease.holding(decide).catch((error: unknown) => error);
    expect(ruleOf(refused)).toBe('review-decisions-busy');
    expect(decide).not.toHaveBeenCalled();
  });

  it('gives the lease back when the decision throws, and passes the refusal on', async () => {
    const [first, second] = [process({ ...TIMING, ttlMs: 10_000 }), process({ ...TIMING, waitMs: 300 })];
    const refusal = new Error('identifier-conflict');
    await expect(first.lease.holding(() => Promise.reject(refusal))).rejects.toBe(refusal);
    await expect(second.lease.holding(async () => 'decided')).resolves.toBe('decided');
  });

  it("never deletes another process's lease: a give-back after the TTL leaves the new holder's in place", async () => {
    const [late, current] = [process(), process()];
    const lateToken = await late.lease.take();
    await sleep(TIMING.ttlMs + 100);
    const currentToken = await current.lease.take();
    expect(await late.lease.giveBack(lateToken)).toBe(false);
    expect(await current.redis.get(REVIEW_DECISIONS_KEY)).toBe(currentToken);
    expect(await current.lease.giveBack(currentToken)).toBe(true);
  });

  it('refuses with 503 review-decisions-unavailable when Redis cannot be reached, without running the decision', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    clients.push(unreachable);
    const decide = jest.fn(async () => 'recorded');
    const refused = await new ReviewDecisionsLease(unreachable, TIMING).holding(decide).catch((e: unknown) => e);
    expect(ruleOf(refused)).toBe('review-decisions-unavailable');
    expect(decide).not.toHaveBeenCalled();
  });

  it("queues a process's own decisions before the lease, so it asks Redis once per decision, not in a poll each", async () => {
    const { redis } = process();
    const turns = new RedisReviewDecisionTurns(redis, new ReviewDecisionsLease(redis, TIMING));
    const asked = jest.spyOn(redis, 'set');
    const order: number[] = [];
    const decide = (n: number) => async () => {
      await sleep(60);
      order.push(n);
    };
    await Promise.all([turns.take(decide(1)), turns.take(decide(2)), turns.take(decide(3))]);
    expect(order).toEqual([1, 2, 3]);
    expect(asked).toHaveBeenCalledTimes(3);
  });
});
