import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '../../../libs/platform/src/config/app-config';
import { ApiModule } from './app.module';
import { mountOpenApi } from './openapi';

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApi(options: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const config = loadConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(helmet());
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      exposedHeaders: ['X-Position', 'ETag', 'X-Correlation-Id', 'Retry-After'],
    });
  }
  app.enableShutdownHooks();
  mountOpenApi(app);
  await app.init();
  return app;
}
