import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { invalid } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { replayAllianceEngagement } from '../application/replay-alliance-engagement';
import { AllianceEngagementQuery } from './alliance-engagement.query';

@ApiTags('analytics')
@ApiBearerAuth()
@RequireRoles('analyst', 'admin')
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('alliance/engagement')
  @ApiOperation({
    summary: 'Operation Alliance engagement evaluation, replayed from events by occurredAt',
    description:
      'Per calendar month and in total: children engaged, age bands, residence, known to YOS, outcomes, engagement and refusal rates; with `cost`, cost per child engaged and per positive outcome.',
  })
  async allianceEngagement(@Query() query: AllianceEngagementQuery) {
    if (query.from > query.to) throw invalid('from', 'period-order', 'from must not be after to');
    return replayAllianceEngagement(this.store, {
      from: query.from,
      to: query.to,
      ...(query.cost === undefined ? {} : { periodCost: query.cost }),
    });
  }
}
