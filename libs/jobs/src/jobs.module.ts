import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/app-config';
import { BullMqJobQueue } from './bullmq/bullmq-job-queue';
import { BullMqJobWorker } from './bullmq/bullmq-job-worker';
import { API_RETRIES_PER_REQUEST } from './bullmq/redis-connection';
import { EmbeddedJobQueue } from './embedded/embedded-job-queue';
import { SqliteJobTable } from './embedded/sqlite-job-table';
import { JobKindRegistry } from './job-kind-registry';
import { JOB_QUEUE } from './job-queue';
import { JobsController } from './http/jobs.controller';

function redisFor(url: string, logger: Logger, use: 'worker' | 'api'): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: use === 'worker' ? null : API_RETRIES_PER_REQUEST });
  // ioredis reconnects by itself; without a listener each failed attempt is an unhandled error.
  redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
  return redis;
}

const queueProvider: Provider = {
  provide: JOB_QUEUE,
  inject: [APP_CONFIG, JobKindRegistry],
  useFactory: (config: AppConfig, registry: JobKindRegistry) =>
    config.redisUrl === undefined
      ? new EmbeddedJobQueue(SqliteJobTable.inDataDir(config.dataDir), registry, config.jobs)
      : new BullMqJobQueue(config.redisUrl, redisFor(config.redisUrl, new Logger('Jobs'), 'api'), config.jobs),
};

const workerProvider: Provider = {
  provide: BullMqJobWorker,
  inject: [APP_CONFIG, JobKindRegistry],
  useFactory: (config: AppConfig, registry: JobKindRegistry) => {
    if (config.redisUrl === undefined) {
      new Logger('JobWorker').log('REDIS_URL is unset: jobs run inside the api (embedded mode)');
      return null;
    }
    return new BullMqJobWorker(
      config.redisUrl,
      redisFor(config.redisUrl, new Logger('JobWorker'), 'worker'),
      registry,
      config.jobs,
    );
  },
};

/**
 * Long work as jobs. Kinds are Nest providers marked `@JobKindProvider()` in any module; they
 * are discovered at start-up. The api serves `/v1/jobs` and, without REDIS_URL, runs jobs
 * itself; with REDIS_URL it only enqueues and the worker app runs them.
 */
@Module({})
export class JobsModule {
  static forApi(): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      controllers: [JobsController],
      providers: [JobKindRegistry, queueProvider],
      exports: [JobKindRegistry, JOB_QUEUE],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [JobKindRegistry, workerProvider],
      exports: [JobKindRegistry],
    };
  }
}
