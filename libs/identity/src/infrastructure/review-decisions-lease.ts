import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

/**
 * The one key every API process takes its turn at review decisions (splits included) under. Its
 * name predates splits taking turns, and stays: a process of the release before shares it.
 */
export const REVIEW_DECISIONS_KEY = 'identity:review-decisions';

export interface LeaseTiming {
  /** How long the lease lasts unless given back: a process that died holding it blocks no longer. */
  readonly ttlMs: number;
  /** How long a decision waits for its turn before it is refused with 503 `review-decisions-busy`. */
  readonly waitMs: number;
  /** How often a waiting decision asks again. */
  readonly pollMs: number;
}

/**
 * A decision waits at most 5 s for the person index (caughtUp) and again at most 5 s for it to
 * fold what it recorded (settled), so one that holds the lease for 15 s is stalled, not slow.
 */
export const REVIEW_DECISIONS_TIMING: LeaseTiming = { ttlMs: 15_000, waitMs: 5_000, pollMs: 25 };

const GIVE_BACK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const busy = (waitMs: number) =>
  new ServiceUnavailableException({
    message: `another API process has been taking a review decision (a confirm, reject, reopen or split) for ${waitMs} ms; nothing was recorded, retry shortly`,
    rule: 'review-decisions-busy',
  });

const unavailable = () =>
  new ServiceUnavailableException({
    message:
      'Redis, which orders review decisions and splits across API processes, is unavailable; nothing was recorded, retry shortly',
    rule: 'review-decisions-unavailable',
  });

/**
 * One review decision at a time across API processes: a lease on one Redis key, set only when
 * free (SET NX PX) with a token of its own, renewed while the decision runs, and deleted on
 * give-back only while it still holds that token. The TTL is what frees the lease of a process that
 * died; a live decision that is merely slow (a store append near its deadline after both index
 * waits) keeps it, since every third of the TTL it is set to the full TTL again. Only a process
 * whose event loop stalls for a whole TTL loses it: another process may then take the lease and
 * decide on an index without it, and the two are settled by the log alone (`merge-rule.ts`), as
 * before this lease, which does not know identifiers. The late give-back deletes nothing, since the
 * key holds the other's token by then.
 */
export class ReviewDecisionsLease {
  private readonly logger = new Logger('ReviewDecisionsLease');

  constructor(
    private readonly redis: Redis,
    private readonly timing: LeaseTiming = REVIEW_DECISIONS_TIMING,
    private readonly key: string = REVIEW_DECISIONS_KEY,
  ) {}

  /** Runs `decide` holding the lease, given back when it settles, whether it succeeded or threw. */
  async holding<T>(decide: () => Promise<T>): Promise<T> {
    const token = await this.take();
    const renewal = setInterval(() => void this.renew(token), Math.max(1, Math.floor(this.timing.ttlMs / 3)));
    renewal.unref();
    try {
      return await decide();
    } finally {
      clearInterval(renewal);
      // What was decided stands either way: a lease not given back lapses after its TTL.
      await this.giveBack(token).catch((error: Error) =>
        this.logger.warn(`review decisions lease not given back (lapses in ${this.timing.ttlMs} ms): ${error.message}`),
      );
    }
  }

  /** Waits (bounded) until the key is free and sets it; answers the token it holds. */
  async take(): Promise<string> {
    const token = randomUUID();
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      if (await this.trySet(token)) return token;
      if (Date.now() >= deadline) throw busy(this.timing.waitMs);
      await sleep(this.timing.pollMs);
    }
  }

  /** Deletes the key only while it still holds `token`; true when it did. */
  async giveBack(token: string): Promise<boolean> {
    return (await this.redis.eval(GIVE_BACK, 1, this.key, token)) === 1;
  }

  /** Sets the lease's TTL in full again while it still holds `token`; true when it did. */
  async renew(token: string): Promise<boolean> {
    try {
      const renewed = (await this.redis.eval(RENEW, 1, this.key, token, this.timing.ttlMs)) === 1;
      if (!renewed) this.logger.warn('review decisions lease lapsed before its decision settled');
      return renewed;
    } catch (error) {
      // The decision goes on: a lease that cannot be renewed lapses after its TTL, as before.
      this.logger.warn(`review decisions lease not renewed: ${(error as Error).message}`);
      return false;
    }
  }

  private async trySet(token: string): Promise<boolean> {
    try {
      return (await this.redis.set(this.key, token, 'PX', this.timing.ttlMs, 'NX')) === 'OK';
    } catch (error) {
      this.logger.warn(`review decisions lease: ${(error as Error).message}`);
      throw unavailable();
    }
  }
}
