import type { Redis } from 'ioredis';
import { exclusiveKeyLease } from './redis-keys';

// Taken when free or already this job's (a job run again after its worker died); renewed either way.
const TAKE = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) or redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end return 0`;
/** How often a running job renews its lease at most (more often under a short JOB_LOCK_MS). */
const MOST_RENEW_MS = 500;
const GIVE_BACK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One job at a time per exclusive key across every worker: a lease in Redis that the running job
 * renews and gives back when it stops. A worker killed mid-job loses it after `ttlMs`, as BullMQ's
 * own job lock lapses, and the job run again elsewhere takes it back. A job that cannot renew it
 * stops (see keep).
 */
export class ExclusiveLease {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  async take(key: string, jobId: string): Promise<boolean> {
    return (await this.redis.eval(TAKE, 1, exclusiveKeyLease(key), jobId, String(this.ttlMs))) === 1;
  }

  /**
   * Renews the lease while a job runs, from a take sent at `takenAt`. Calls `lost` when a renewal
   * finds the key held by another job, or when none has been confirmed for half of `ttlMs` (Redis
   * unreachable, or this process stalled): the job must stop before the lease can lapse and the
   * next job under the key start. Returns the function that stops renewing.
   */
  keep(key: string, jobId: string, takenAt: number, lost: () => void): () => void {
    let confirmedAt = takenAt;
    const renewal = setInterval(
      () => {
        if (Date.now() - confirmedAt > this.ttlMs / 2) {
          clearInterval(renewal);
          lost();
          return;
        }
        const sentAt = Date.now();
        this.take(key, jobId).then(
          (held) => {
            if (held) confirmedAt = Math.max(confirmedAt, sentAt);
            else lost();
          },
          // An error confirms nothing: the age of the last confirmation decides.
          () => undefined,
        );
      },
      Math.min(MOST_RENEW_MS, Math.floor(this.ttlMs / 4)),
    );
    return () => clearInterval(renewal);
  }

  async giveBack(key: string, jobId: string): Promise<void> {
    await this.redis.eval(GIVE_BACK, 1, exclusiveKeyLease(key), jobId);
  }
}
