import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { text } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { configuredPanelRegistry } from '../../../libs/case-lifecycle/src/application/configured-panel-registry';
import { loadConfig, type AppConfig } from '../../../libs/platform/src/config/app-config';
import { JOB_UPLOAD_PATH, JOB_UPLOAD_TYPES } from '../../../libs/platform/src/http/readable-bodies';
import { JSON_UTF8_ADVICE, UPLOAD_UTF8_ADVICE, strictUtf8Body } from '../../../libs/platform/src/http/utf8-body';
import { boundRequestArrival } from '../../../libs/platform/src/http/request-timeouts';
import { answerRequestsBeforeStrayBytes } from '../../../libs/platform/src/http/stray-bytes';
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
  // Before Nest builds anything: a bad policy or panel is a ConfigError with the field and rule, not an abort.
  configuredPanelRegistry(config);
  const app = await NestFactory.create<NestExpressApplication>(options.rootModule ?? ApiModule, {
    bufferLogs: true,
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  await configureApi(app, config);
  return app;
}

/**
 * Everything between creating the application and serving: what `createApi` does after
 * `NestFactory.create`, for a spec that builds the module itself (`bodyParser: false`) to stand
 * in one provider.
 */
export async function configureApi(app: NestExpressApplication, config: AppConfig): Promise<void> {
  boundRequestArrival(app.getHttpServer(), config.http);
  answerRequestsBeforeStrayBytes(app.getHttpServer());
  // JSON only: no route documents form input, so a form body is left unread and refused with 415.
  // Bodies are read strictly as UTF-8 unless they declare another charset: a wrong byte is a 400, not a `�`.
  app.useBodyParser('json', { limit: config.bodyLimit, verify: strictUtf8Body(JSON_UTF8_ADVICE) });
  app.use(
    JOB_UPLOAD_PATH,
    text({ type: [...JOB_UPLOAD_TYPES], limit: config.jobs.uploadLimit, verify: strictUtf8Body(UPLOAD_UTF8_ADVICE) }),
  );
  app.use(helmet());
  app.disable('x-powered-by');
  // Only these peers may name the client in X-Forwarded-For: rate limits count per client address.
  app.set(
    'trust proxy',
    config.trustProxy === false || typeof config.trustProxy === 'number' ? config.trustProxy : [...config.trustProxy],
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      exposedHeaders: ['X-Position', 'ETag', 'X-Correlation-Id', 'Retry-After', 'X-Read-Model-Version'],
    });
  }
  mountOpenApi(app);
  await app.init();
}
