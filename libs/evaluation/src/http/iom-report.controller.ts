import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonOrCsvResponse } from '../../../platform/src/http/json-or-csv-response';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { runCounterfactual } from '../application/counterfactual-run';
import { runReports } from '../application/evaluation-reports';
import { CounterfactualQuery, ReportPeriodQuery } from './report-queries';
import { answerReport, checkPeriodQuery } from './report-response';
import { ReadsViews } from '../../../platform/src/http/reads-views';

@ApiTags('analytics')
@ApiBearerAuth()
@RequireRoles('analyst', 'admin')
@Controller('v1/analytics/iom')
export class IomReportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_AUDIT_RECORDER) private readonly audit: ReadAuditRecorder,
  ) {}

  @Get('cohort')
  @ReadsViews()
  @JsonOrCsvResponse('The report as JSON, or as CSV (period,measure,value)')
  @ApiOperation({
    summary: 'IOM cohort over time, replayed from events',
    description:
      'Per month: cohort size at month end, entries, exits by exit status; demographics of everyone in the cohort in the period (sex, age bands 18–24/25–34/35–49/50+, ethnicity by 2021 Census high-level group: asian, black, mixed, white, other, not-stated, not-recognised, not recorded); eligible cases not adopted, counted by rejection category (never the typed reason; not-categorised before categories), and those awaiting a decision at `to` (not a duplicate referral of a person, as known now after merges, who is in the cohort at `to` on another case: the live eligible-not-adopted list leaves it out too; a person awaiting a decision on several cases counts once, as the list shows them once); discretionary entries by category. No identifiers.',
  })
  async cohort(
    @Query() query: ReportPeriodQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    checkPeriodQuery(query);
    const { iom } = await runReports(this.store, { iom: { from: query.from, to: query.to } });
    return answerReport(
      this.audit,
      { subject: 'iom-cohort', principal, parameters: { ...query }, request },
      iom ?? {},
      response,
    );
  }

  @Get('counterfactual')
  @ReadsViews()
  @JsonOrCsvResponse('The report as JSON, or as CSV (period,measure,value)')
  @ApiOperation({
    summary: 'IOM counterfactual cohort under an alternative eligibility policy (synchronous)',
    description:
      'The recorded eligibility against the thresholds given, per month: in under each, only under the alternative (would come in), only under the recorded policy (would drop out), difference, with pseudonyms keyed for this run only. A nominal the monthly upload reports expired is out under every policy from the date of that upload, whether their case is open or was rejected. For long histories start the `counterfactual-cohort` job instead.',
  })
  async counterfactual(
    @Query() query: CounterfactualQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    checkPeriodQuery(query);
    const result = await runCounterfactual(this.store, {
      from: query.from,
      to: query.to,
      alternative: {
        id: query.policy ?? 'alternative',
        thresholds: {
          ogrsAlone: query.ogrsAlone,
          ogrsWithRobberyOrBurglary: query.ogrsWithRobberyOrBurglary ?? null,
          ovpMinimum: query.ovpMinimum,
        },
      },
    });
    return answerReport(
      this.audit,
      { subject: 'iom-counterfactual-cohort', principal, parameters: { ...query }, request },
      result,
      response,
    );
  }
}
