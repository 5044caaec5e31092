import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiModule } from '../../../../apps/api/src/app.module';
import { createApi } from '../../../../apps/api/src/create-api';
import { TestJobKindsModule } from './test-job-kinds';

@Module({ imports: [ApiModule, TestJobKindsModule] })
class ApiWithTestKindsModule {}

export const TEST_SECRET_FOR_JOBS = 'test-secret-for-the-suite-only-0123456789abcdef';

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'ccb-jobs-'));

/**
 * The real API plus the test job kinds, on a given DATA_DIR (kept on close, so a spec can start
 * a second API on the same files as a restart would).
 */
export async function startApiWithTestKinds(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET_FOR_JOBS,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    JOB_BACKOFF_MS: '50',
    ...env,
  });
  try {
    return await createApi({ logger: false, rootModule: ApiWithTestKindsModule });
  } finally {
    process.env = saved;
  }
}
