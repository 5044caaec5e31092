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
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  READ_MODEL_PROGRESS,
  readModelVersionHeader,
  viewsReach,
  type ReadModelProgress,
  type ViewsReach,
} from './read-model-progress';
import { viewsReadBy } from './reads-views';

/**
 * `X-Min-Position: n` on a query waits (bounded) until the views the route reads (`ReadsViews`;
 * every view when it declares none) have processed position n. A query whose views include one
 * answered by a previous version during a version bump says so in `X-Read-Model-Version`.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress | null | undefined,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly reflector: Reflector = new Reflector(),
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const views = viewsReadBy(this.reflector, context);
    this.markPreviousVersions(response, views);
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
    return from(this.reached(position, this.config.readYourWritesTimeoutMs, views)).pipe(
      mergeMap((reach) => {
        if (!reach.reached) {
          response.setHeader('Retry-After', '1');
          throw new ServiceUnavailableException(
            reach.refusal ?? {
              message: `the views have not yet processed position ${position.toString()}; retry shortly`,
              rule: 'read-your-writes-timeout',
            },
          );
        }
        return next.handle();
      }),
    );
  }

  /**
   * Set before the handler runs: a switch-over during it may mean the answer came from the new
   * version after all, which the header then overstates; a body that must be exact (the cohort
   * tracker's `previousVersion`) is marked by its own query, in the snapshot it read.
   */
  private markPreviousVersions(response: Response, views: readonly string[] | undefined): void {
    if (views === undefined || views.length === 0) return;
    const value = readModelVersionHeader(this.progress?.previousVersionsAnswering?.(views) ?? []);
    if (value !== undefined) response.setHeader('X-Read-Model-Version', value);
  }

  /** Without projections, queries read the store itself: a position is processed once it exists. */
  private async reached(
    position: bigint,
    timeoutMs: number,
    views: readonly string[] | undefined,
  ): Promise<ViewsReach> {
    if (this.progress != null) return viewsReach(this.progress, position, timeoutMs, views);
    return { reached: (await this.store.headPosition()) >= position };
  }
}
