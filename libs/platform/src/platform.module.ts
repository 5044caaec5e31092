import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { AuthGuard } from './auth/auth.guard';
import { readOrCreateDevelopmentSecret } from './auth/development-secret';
import { FailedAuthentications } from './auth/failed-authentications';
import { TokenVerifier } from './auth/token-verifier';
import { UserThrottlerGuard } from './auth/user-throttler.guard';
import { APP_CONFIG, loadConfig, type AppConfig } from './config/app-config';
import { createEventStore } from './event-store/event-store.factory';
import { HealthController } from './health/health.controller';
import { ReadinessComponents } from './health/readiness-components';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency-store';
import { MinPositionInterceptor } from './http/min-position.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { UnreadBodyGuard } from './http/unread-body.guard';
import { createValidationPipe } from './http/validation.pipe';

const config = (): AppConfig => loadConfig(process.env);

function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const header = request.headers['x-correlation-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given !== undefined && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  response.setHeader('X-Correlation-Id', id);
  return id;
}

/**
 * What every process needs: validated configuration, the event store, authentication, the
 * error contract, idempotency and read-your-writes. Feature modules only add controllers and handlers.
 */
@Global()
@Module({
  imports: [
    CqrsModule.forRoot(),
    LoggerModule.forRootAsync({
      useFactory: () => {
        const { logLevel } = config();
        return {
          pinoHttp: {
            level: logLevel,
            genReqId: correlationIdOf,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customProps: () => ({ service: 'case-coordination' }),
          },
        };
      },
    }),
    ThrottlerModule.forRootAsync({ useFactory: () => [{ ttl: 60_000, limit: config().rateLimitPerMinute }] }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_CONFIG, useFactory: config },
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (appConfig: AppConfig): TokenVerifier => {
        const { jwtSecret, jwksUrl, issuer, audience, clockSkewSeconds, maxTokenLifetimeSeconds } = appConfig.auth;
        const checks = {
          clockSkewSeconds,
          maxLifetimeSeconds: maxTokenLifetimeSeconds,
          ...(issuer === undefined ? {} : { issuer }),
          ...(audience === undefined ? {} : { audience }),
        };
        if (jwtSecret === undefined && jwksUrl === undefined) {
          const { secret, created } = readOrCreateDevelopmentSecret(appConfig.dataDir);
          new Logger('Auth').warn(
            `${created ? 'Created' : 'Using'} a development signing secret in DATA_DIR; set AUTH_JWT_SECRET or AUTH_JWKS_URL in production`,
          );
          return new TokenVerifier({ secret, ...checks });
        }
        return new TokenVerifier({ ...(jwksUrl === undefined ? { secret: jwtSecret } : { jwksUrl }), ...checks });
      },
    },
    {
      provide: FailedAuthentications,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new FailedAuthentications(c.auth.failuresPerMinute),
    },
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: createEventStore },
    ReadinessComponents,
    {
      provide: IdempotencyStore,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => IdempotencyStore.inDataDir(c.dataDir),
    },
    // Guards run in this order: AuthGuard verifies the token (an address over its
    // failed-authentication budget gets 429 only when it has no valid one); signed-in users are
    // then throttled per user.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: UserThrottlerGuard },
    { provide: APP_GUARD, useClass: UnreadBodyGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [APP_CONFIG, EVENT_STORE, TokenVerifier, IdempotencyStore, ReadinessComponents, CqrsModule],
})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.idempotency.close();
    await this.store.close();
  }
}
