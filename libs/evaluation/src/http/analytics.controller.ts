import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonOrCsvResponse } from '../../../platform/src/http/json-or-csv-response';
import type { Request, Response } from 'express';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { findPanel, type PanelRegistry } from '../../../case-lifecycle/src/domain/panel-registry';
import { asOfReach } from '../../../case-lifecycle/src/domain/input-checks';
import { invalid } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { replayAllianceEngagement } from '../application/replay-alliance-engagement';
import { runReports } from '../application/evaluation-reports';
import { AllianceEngagementQuery } from './alliance-engagement.query';
import { CohortAsOfQuery } from './report-queries';
import { answerReport, checkPeriodQuery } from './report-response';
import { ReadsViews } from '../../../platform/src/http/reads-views';

@ApiTags('analytics')
@ApiBearerAuth()
@RequireRoles('analyst', 'admin')
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_AUDIT_RECORDER) private readonly audit: ReadAuditRecorder,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {}

  @Get('alliance/engagement')
  @ReadsViews()
  @JsonOrCsvResponse('The report as JSON, or as CSV (period,measure,value)')
  @ApiOperation({
    summary: 'Operation Alliance engagement evaluation, replayed from events by occurredAt',
    description:
      'Per calendar month and in total: children engaged, age bands, residence, known to YOS, outcomes, engagement and refusal rates; with `cost`, cost per child engaged and per positive outcome. `?format=csv` or `Accept: text/csv` for CSV (period,measure,value). ' +
      'Residence is `Enfield` or `Haringey` when the typed residence names that borough as a word, whatever its case and punctuation ("LB Haringey", "London Borough of Enfield", "Tottenham, Haringey"), as the out-of-area outcome rule reads it; anything else is `other`.',
  })
  async allianceEngagement(
    @Query() query: AllianceEngagementQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    checkPeriodQuery(query);
    const report = await replayAllianceEngagement(this.store, {
      from: query.from,
      to: query.to,
      ...(query.cost === undefined ? {} : { periodCost: query.cost }),
    });
    return answerReport(
      this.audit,
      { subject: 'alliance-engagement', principal, parameters: { ...query }, request },
      report,
      response,
    );
  }

  @Get('cohort')
  @ReadsViews()
  @JsonOrCsvResponse('The report as JSON, or as CSV (period,measure,value)')
  @ApiOperation({
    summary: "A panel's cohort as it stood at the end of a day, rebuilt from history",
    description:
      'Open cases (referred by then, not closed by then), distinct people, awaiting decision / accepted / declined, by latest status and RAG rating dated by then. Counts only. ' +
      "Facts count by their occurredAt: by the end of that UK day, and for today also those dated up to five minutes of clock skew after now (a referral dated 00:01 sent at 23:57), as the tracker's `asOf` today counts them.",
  })
  async cohortAsOf(
    @Query() query: CohortAsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // An unknown code would answer zeros that read as "nobody", so it is refused as the meeting routes do.
    if (findPanel(this.registry, query.panel.toUpperCase()) === undefined) {
      throw invalid('panel', 'known-panel', `no panel ${query.panel} in the registry`);
    }
    const reach = asOfReach(query.asOf, new Date());
    const { cohortAsOf } = await runReports(this.store, {
      cohortAsOf: { panel: query.panel, asOf: query.asOf, ...(reach === undefined ? {} : { reach }) },
    });
    return answerReport(
      this.audit,
      { subject: 'cohort-as-of', principal, parameters: { ...query }, request },
      cohortAsOf ?? {},
      response,
    );
  }
}
