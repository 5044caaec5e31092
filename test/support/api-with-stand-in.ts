import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { ApiModule } from '../../apps/api/src/app.module';
import { configureApi } from '../../apps/api/src/create-api';
import { loadConfig } from '../../libs/platform/src/config/app-config';
import { inTestEnv } from './test-env';

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
  return inTestEnv(dataDir, env, async () => {
    const moduleRef = await standIn(Test.createTestingModule({ imports: [ApiModule] })).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    await configureApi(app, loadConfig(process.env));
    return app;
  });
}
