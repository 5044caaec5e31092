import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { ApiModule } from '../../apps/api/src/app.module';
import { configureApi } from '../../apps/api/src/create-api';
import { loadConfig } from '../../libs/platform/src/config/app-config';
import { TEST_JWT_SECRET } from './tokens';

/**
 * The real API on `dataDir` (kept on close, as a restart keeps its files), with providers stood
 * in by `standIn`: the same modules and HTTP set-up as `createApi`, for a spec that must hold one
 * part of the process still while it looks at the rest.
 */
export async function startApiWithStandIn(
  dataDir: string,
  standIn: (builder: TestingModuleBuilder) => TestingModuleBuilder,
  env: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  try {
    const moduleRef = await standIn(Test.createTestingModule({ imports: [ApiModule] })).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    await configureApi(app, loadConfig(process.env));
    return app;
  } finally {
    process.env = saved;
  }
}
