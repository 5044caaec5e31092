import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { rmSync } from 'node:fs';
import { startRedisServer, type TestRedis } from '../../../../test/support/redis-server';
import { TEST_JWT_SECRET, tokenFor } from '../../../../test/support/tokens';
import { newDataDir, startApiWithTestKinds } from './jobs-test-api';
import { eventsIn, testAppendJobs } from './test-job-client';
import { TestWorkers } from './test-workers';

/**
 * A BullMQ job spec's world, set up in beforeAll and torn down in afterAll: its own redis-server,
 * a client on it, the api with the test kinds (`env` adds JOB_* settings), an analyst's
 * `test-append` calls, and worker processes on the same DATA_DIR (none started).
 */
export function redisJobsWorld(env: Record<string, string>) {
  let redis: TestRedis | undefined;
  let client: Redis | undefined;
  let app: NestExpressApplication | undefined;
  let analyst = '';
  const dataDir = newDataDir();
  const settings = (): Record<string, string> => ({
    ...env,
    REDIS_URL: redis?.url ?? '',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
  });
  const pool = new TestWorkers(dataDir, settings);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Redis job world is set up in beforeAll');
    return value;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url);
    app = await startApiWithTestKinds(dataDir, settings());
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
  });
  afterAll(async () => {
    pool.killAll();
    client?.disconnect();
    await app?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    pool,
    /** Straight to Redis, to look at or stage what the queue keeps. */
    client: (): Redis => started(client),
    jobs: testAppendJobs(
      () => started(app),
      () => analyst,
    ),
    eventsIn: (runKey: string): Promise<number[]> => eventsIn(dataDir, runKey),
  };
}
