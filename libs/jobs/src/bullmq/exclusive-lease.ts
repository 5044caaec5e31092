import type { Redis } from 'ioredis';
import { exclusiveKeyLease } from './redis-keys';

// Taken when free or already this job's (a job run again after its worker died); renewed either way.
const TAKE = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) or redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end return 0`;
const GIVE_BACK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One job at a time per exclusive key across every worker: a lease in Redis that the running job
 * renews and gives back when it stops. A worker killed mid-job loses it after `ttlMs`, as BullMQ's
 * own job lock lapses, and the job run again elsewhere takes it back.
 */
export class ExclusiveLease {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  async take(key: string, jobId: string): Promise<boolean> {
    return (await this.redis.eval(TAKE, 1, exclusiveKeyLease(key), jobId, String(this.ttlMs))) === 1;
  }

  async giveBack(key: string, jobId: string): Promise<void> {
    await this.redis.eval(GIVE_BACK, 1, exclusiveKeyLease(key), jobId);
  }
}
