import {
  BadRequestException,
  Inject,
  Injectable,
  Optional,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from './read-model-progress';

/** `X-Min-Position: n` on a query waits (bounded) until the views have processed position n. */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress | null | undefined,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers['x-min-position'];
    const raw = Array.isArray(header) ? header[0] : header;
    if (request.method !== 'GET' || raw === undefined) return next.handle();
    if (!/^\d{1,18}$/.test(raw.trim())) {
      throw new BadRequestException({
        message: 'X-Min-Position must be a global position (a non-negative integer)',
        errors: [{ field: 'X-Min-Position', rule: 'position', message: 'must be a non-negative integer' }],
      });
    }
    const position = BigInt(raw.trim());
    const timeoutMs = this.config.readYourWritesTimeoutMs;
    return from(this.reached(position, timeoutMs)).pipe(
      mergeMap((reached) => {
        if (!reached) {
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', '1');
          throw new ServiceUnavailableException({
            message: `the views have not yet processed position ${position.toString()}; retry shortly`,
            rule: 'read-your-writes-timeout',
          });
        }
        return next.handle();
      }),
    );
  }

  /** Without projections, queries read the store itself: a position is processed once it exists. */
  private async reached(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.progress != null) return this.progress.waitUntilProcessed(position, timeoutMs);
    return (await this.store.headPosition()) >= position;
  }
}
