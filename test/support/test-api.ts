import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../apps/api/src/create-api';
import { inTestEnv } from './test-env';

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real API on a fresh embedded store in a temporary DATA_DIR. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-test-'));
  return inTestEnv(dataDir, env, async () => {
    const app = await createApi({ logger: false });
    return {
      app,
      dataDir,
      close: async () => {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  });
}
