import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PublicRoute } from '../auth/public-route.decorator';
import { AnyQuery } from '../http/any-query';
import { SHUTDOWN_RETRY_AFTER_SECONDS } from '../http/http-drain';
import { PROJECTION_LAG_SOURCE, type ProjectionLag, type ProjectionLagSource } from './projection-lag';
import { ReadinessComponents } from './readiness-components';
import { ShutdownState } from './shutdown-state';
import { ReadsViews } from '../http/reads-views';

@ApiTags('health')
@PublicRoute()
@AnyQuery()
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PROJECTION_LAG_SOURCE) private readonly projections?: ProjectionLagSource | null,
    @Optional() @Inject(ShutdownState) private readonly shutdown?: ShutdownState | null,
    @Optional() @Inject(ReadinessComponents) private readonly components?: ReadinessComponents | null,
  ) {}

  @Get('health')
  @ReadsViews()
  @ApiOperation({ summary: 'Liveness: the process is up' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ReadsViews()
  @ApiOperation({
    summary: 'Readiness: the event store answers; each projection with its lag behind the log head',
    description:
      '200 `{ status: "ready", eventStore: { status: "up", headPosition }, projections: [{ name, version, position, lagEvents, lagEventsCapped?, lagSeconds, state, error? }], components: [{ name, state, eventsRead, position, error? }], degraded: [{ name, version?, state }] }` while the event store answers; 503 `not-ready` when it does not. `lagEvents` is the number of events after the projection `position` (positions are not event numbers on EventStoreDB), counted up to 1,000: beyond that it reads 1,000 and `lagEventsCapped: true` says the true figure is larger; `lagEventsCapped` is absent otherwise. `degraded` lists the projection versions that need a look: a `live` or `catching-up` one once its oldest unprocessed event has waited 5 s or more (or its lag is capped), since a busy view is briefly behind after every command, `rebuilding` (a new version being built while the previous one answers; or, with no version before it, as on a fresh read-model file or during `projections:rebuild`, a view whose routes answer 503 `read-model-rebuilding` until it first reaches the log head), `frozen` (a previous version answering with its last state until its replacement switches over: its views do not move; reads it answers carry `X-Read-Model-Version: <name>=<version>; rebuilding=<version>`, the cohort tracker answers from it (marked `previousVersion`, what it lacks null, a filter on what it lacks 503 `read-model-rebuilding` naming it), and an `X-Min-Position` past its position is refused at once with 503 `read-model-rebuilding` on the routes that read it, other routes unaffected) or `failed` (with `error`: a projection that threw on an event, naming the projection, the event’s type and its position and the error’s kind, never the event’s stream or id, which carry person and case ids, nor the error’s own text, which may quote the event: both are in the service log; a batch that could not be committed or a log that could not be read, `stalled, retrying: …` with the storage’s or the event store’s own text, else the error’s kind, retried at least every 10 s so the views move again soon after the cause clears; or read models built from another event log, or a longer one such as after restoring an older backup of it, whose routes answer 503 `read-model-other-log` until an operator runs `npm run projections:rebuild` (all projections)) (an `X-Min-Position` read of a route that reads it is refused at once with 503 `read-model-failed` when no retry falls within the wait; other routes are not held up). `components` lists the parts of the process besides the views that read the log before they serve: `person_matcher`, the matcher’s index of people, which reads the whole log after every start (`catching-up`, with the events read so far and the `position` reached, to set against `headPosition`; `live` once it has read it whole; `failed`, with `error`, while a read fails and is retried). Until it is `live` it is listed under `degraded` (with no `version`), and referrals that arrive meanwhile wait for it up to READ_YOUR_WRITES_TIMEOUT_MS, then answer 503 `matcher-warming-up` with Retry-After, recording nothing; every other route answers as usual. The service answers meanwhile, so readiness stays 200; an empty `degraded` means every view is live and keeping up, and the matcher has read the log. From a stop signal on it answers 503 `{ status: "shutting-down" }` with Retry-After, so a load balancer sends nothing new while requests in flight finish.',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    if (this.shutdown?.shuttingDown === true) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(SHUTDOWN_RETRY_AFTER_SECONDS));
      return { status: 'shutting-down' };
    }
    try {
      const head = await this.store.headPosition();
      const projections = this.projections == null ? [] : await this.projections.lag(head);
      const components = this.components?.list() ?? [];
      const degraded = [
        ...projections.filter(isDegraded).map(({ name, version, state }) => ({ name, version, state })),
        ...components.filter(({ state }) => state !== 'live').map(({ name, state }) => ({ name, state })),
      ];
      return {
        status: 'ready',
        eventStore: { status: 'up', headPosition: head.toString() },
        projections,
        components,
        degraded,
      };
    } catch (error) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'not-ready',
        eventStore: { status: 'down', message: error instanceof Error ? error.message : 'unreachable' },
      };
    }
  }
}

/**
 * A live view is behind the head for a moment after every command, so `catching-up` alone would
 * make an alert on a non-empty `degraded` flap under ordinary load; only a view this far behind
 * (as after a restart on a long log) is worth a glance at the top. So is a `live` one this far
 * behind: its state is what the runtime last saw, and a loop that has stopped moving (stuck in a
 * wait that never ends, say) would otherwise read `live` for ever. The rest are always worth it:
 * after a version bump the views answer from an older, frozen version, and a failed one not at all.
 */
export const DEGRADED_AFTER_SECONDS = 5;

function isDegraded(projection: ProjectionLag): boolean {
  if (projection.state !== 'live' && projection.state !== 'catching-up') return true;
  return projection.lagSeconds >= DEGRADED_AFTER_SECONDS || projection.lagEventsCapped === true;
}
