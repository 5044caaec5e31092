import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import { newDataDir, startApiWithTestKinds } from '../../libs/jobs/src/testing/jobs-test-api';
import { peopleClient, type PeopleClient } from './people';
import { startRedisServer, type TestRedis } from './redis-server';
import { COORDINATOR_ALL_PANELS, tokenFor } from './tokens';

export interface ApiProcess {
  readonly app: NestExpressApplication;
  readonly client: PeopleClient;
}

export interface TwoApiProcesses {
  readonly one: ApiProcess;
  readonly two: ApiProcess;
  /** A coordinator of every panel. */
  readonly token: string;
  readonly redis: TestRedis;
}

/**
 * Two API processes on one DATA_DIR (log and read models) and one REDIS_URL, as API processes on
 * one host share them, started before the enclosing describe's tests and closed after them.
 * `env` adds settings both processes take.
 */
export function twoApiProcesses(env: () => Record<string, string> = () => ({})): () => TwoApiProcesses {
  const dataDir = newDataDir();
  let running: TwoApiProcesses | undefined;
  const started = async (url: string): Promise<ApiProcess> => {
    const app = await startApiWithTestKinds(dataDir, { REDIS_URL: url, ...env() });
    return { app, client: peopleClient({ app, dataDir, close: () => app.close() }) };
  };
  beforeAll(async () => {
    const redis = await startRedisServer();
    const one = await started(redis.url);
    const two = await started(redis.url);
    running = { one, two, redis, token: await tokenFor(COORDINATOR_ALL_PANELS) };
  });
  afterAll(async () => {
    await running?.one.app.close();
    await running?.two.app.close();
    await running?.redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (running === undefined) throw new Error('the two API processes start in beforeAll');
    return running;
  };
}
