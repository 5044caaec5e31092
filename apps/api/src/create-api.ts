import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { text } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '../../../libs/platform/src/config/app-config';
import { ApiModule } from './app.module';
import { mountOpenApi } from './openapi';

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApi(
  options: {
    logger?: boolean;
    /** Specs may wrap ApiModule to add providers (test job kinds). */
    rootModule?: Type<unknown>;
  } = {},
): Promise<NestExpressApplication> {
  const config = loadConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(options.rootModule ?? ApiModule, {
    bufferLogs: true,
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  // Job kinds that take an upload (the IOM core-cohort CSV) receive it as a string.
  app.use('/v1/jobs', text({ type: ['text/csv', 'text/plain'], limit: config.jobs.uploadLimit }));
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
