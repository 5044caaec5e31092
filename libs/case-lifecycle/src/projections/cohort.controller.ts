import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { forbidden, notFound } from '../../../command-handling/src/rejections';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { mayWorkOnPanel } from '../application/panel-access';
import { DEFAULT_PANEL_REGISTRY, findPanel } from '../domain';
import { CohortQuery } from './cohort.query';
import { CohortService } from './cohort.service';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('v1/panels/:panel')
export class CohortController {
  constructor(private readonly cohorts: CohortService) {}

  @Get('cohort')
  @AuditedRead('search')
  @ApiOperation({
    summary: "A panel's live tracker: one item per open case, filtered and paged",
    description:
      'Each item has the common columns and its panel\'s own. `marac`: `repeat`, `dashScore`, `idva` (IDVA support: the most current status, `started` > `arranged` > `completed` > `declined`, of the case\'s interventions whose type names an IDVA, e.g. "IDVA support"; null when none is recorded). ' +
      '`iom`: `eligible`, `decision`, `reason`, `engagementLevel`, `pathways`, `cohortExpiry` (`{ month, reason }` while the latest core-cohort upload no longer supports the case, until an evaluation finds it eligible again; else null). ' +
      '`alliance`: `outcome`, `followUpDue`, `followUpOverdue`. ' +
      'With `asOf=YYYY-MM-DD` the cohort is rebuilt from history as it stood at the end of that day (by occurredAt).',
  })
  cohort(@Param('panel') code: string, @Query() query: CohortQuery, @CurrentPrincipal() principal: Principal) {
    const panel = findPanel(DEFAULT_PANEL_REGISTRY, code.toUpperCase());
    if (panel === undefined) throw notFound('panel-exists', `no panel ${code}`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a member of ${panel.code}`);
    return this.cohorts.cohort(panel, query, new Date());
  }

  @Get('eligible-not-adopted')
  @AuditedRead('search')
  @ApiOperation({ summary: 'IOM: people eligible for the core cohort but not adopted, with the recorded reason' })
  eligibleNotAdopted(
    @Param('panel') code: string,
    @Query() query: CohortQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const panel = findPanel(DEFAULT_PANEL_REGISTRY, code.toUpperCase());
    if (panel === undefined || panel.rules.kind !== 'iom') throw notFound('iom-panel', `no IOM panel ${code}`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a member of ${panel.code}`);
    return this.cohorts.cohort(panel, { ...query, eligibility: 'eligible-not-adopted' }, new Date());
  }
}
