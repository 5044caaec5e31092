import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PublicRoute } from '../auth/public-route.decorator';
import { PROJECTION_LAG_SOURCE, type ProjectionLagSource } from './projection-lag';

@ApiTags('health')
@PublicRoute()
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PROJECTION_LAG_SOURCE) private readonly projections?: ProjectionLagSource | null,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the event store answers; each projection with its lag behind the log head' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    try {
      const head = await this.store.headPosition();
      const projections = this.projections == null ? [] : await this.projections.lag(head);
      return { status: 'ready', eventStore: { status: 'up', headPosition: head.toString() }, projections };
    } catch (error) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'not-ready',
        eventStore: { status: 'down', message: error instanceof Error ? error.message : 'unreachable' },
      };
    }
  }
}
