import { Logger, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import {
  InProcessReviewDecisionTurns,
  REVIEW_DECISION_TURNS,
  type ReviewDecisionTurns,
} from '../application/review-decision-turns';
import { ReviewDecisionsLease } from './review-decisions-lease';

/** While Redis is unreachable, a decision gives up after this many reconnection attempts (a 503). */
const RETRIES_PER_REQUEST = 2;
/** A Redis that accepts the connection but does not answer must not hold a decision for long. */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * Turns across every API process sharing one REDIS_URL: this process's own queue first, so it
 * asks for the lease for one decision at a time, then the lease itself around the decision.
 */
export class RedisReviewDecisionTurns implements ReviewDecisionTurns, OnModuleDestroy {
  private readonly inProcess = new InProcessReviewDecisionTurns();

  constructor(
    private readonly redis: Redis,
    private readonly lease = new ReviewDecisionsLease(redis),
  ) {}

  take<T>(decide: () => Promise<T>): Promise<T> {
    return this.inProcess.take(() => this.lease.holding(decide));
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function redisFor(url: string): Redis {
  const logger = new Logger('ReviewDecisionTurns');
  const redis = new Redis(url, { maxRetriesPerRequest: RETRIES_PER_REQUEST, commandTimeout: COMMAND_TIMEOUT_MS });
  // ioredis reconnects by itself; without a listener each failed attempt is an unhandled error.
  redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
  return redis;
}

/**
 * Without REDIS_URL one API process serves a data dir (embedded mode), so its own queue is every
 * turn there is; with it, any number of API processes may decide, and the lease orders them.
 */
export const reviewDecisionTurnsProvider: Provider = {
  provide: REVIEW_DECISION_TURNS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ReviewDecisionTurns =>
    config.redisUrl === undefined
      ? new InProcessReviewDecisionTurns()
      : new RedisReviewDecisionTurns(redisFor(config.redisUrl)),
};
