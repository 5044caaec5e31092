import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonOrCsvResponse } from '../../../platform/src/http/json-or-csv-response';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { runReports } from '../application/evaluation-reports';
import { MaracRepeatRateQuery } from './report-queries';
import { answerReport, checkPeriodQuery } from './report-response';
import { ReadsViews } from '../../../platform/src/http/reads-views';

@ApiTags('analytics')
@ApiBearerAuth()
@RequireRoles('analyst', 'admin')
@Controller('v1/analytics/marac')
export class MaracReportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_AUDIT_RECORDER) private readonly audit: ReadAuditRecorder,
  ) {}

  @Get('repeat-rate')
  @ReadsViews()
  @JsonOrCsvResponse('The report as JSON, or as CSV (period,measure,value)')
  @ApiOperation({
    summary: 'MARAC repeat rate against the SafeLives band (28%–40%), replayed from events',
    description:
      "Referrals by the UK date of referredAt; a repeat is judged by the lifecycle's rule: the referral's incident happened within the repeat window the referral recorded when it was made (`thresholdsApplied.repeatWindowMonths`: 12 calendar months unless the area's MARAC was configured otherwise then; a later setting changes no past judgement) of the victim's previous MARAC referral (from its UK day to its anniversary; an incident dated before it is not a further one), the victim being the person the case is about now (confirmed matches merge, a restoring split separates again, a moving split moves the case); the previous referral is the later of the victim's last referral here and the form's previous MARAC date (`marac.previousMaracDate`: a MARAC before go-live, or another area's), as at referral (a referral recorded before the form's date counted is judged on the history alone, as it was). `repeatsFromReportedDate`: repeats of the form's previous MARAC date that the history here does not show, so they can be told from those this system's history shows. `repeatsFlaggedAtReferral`: repeats the lifecycle flagged when each referral was made; `repeatsRecognisedByMerge`: repeats judged now that are not repeats on the person ids recorded at referral (a victim recorded twice and since confirmed as one, or a case a split moved to a victim with an earlier referral: recognised by identity decisions). Also referrals by kind of source agency (police, idva, health ... or other; never the agency as typed), cases per 10,000 adult women given `population`, and equality breakdowns (sex, age at referral incl. 16–17, ethnicity by 2021 Census high-level group — asian, black, mixed, white, other, not-stated, not-recognised —, disability — yes, no, not-stated, not-recognised —; `not recorded` counted separately; typed text is never a key). No identifiers.",
  })
  async repeatRate(
    @Query() query: MaracRepeatRateQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    checkPeriodQuery(query);
    const { marac } = await runReports(this.store, {
      marac: {
        from: query.from,
        to: query.to,
        ...(query.population === undefined ? {} : { population: query.population }),
      },
    });
    return answerReport(
      this.audit,
      { subject: 'marac-repeat-rate', principal, parameters: { ...query }, request },
      marac ?? {},
      response,
    );
  }
}
