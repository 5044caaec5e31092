import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import type { VerifyReport } from '../application/audit-chain';
import { AuditVerification } from '../jobs/audit-verification';
import { VerifyQueryParams } from './audit-query-params';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { AUDIT_TRAIL_PROJECTION } from '../projections/audit-trail.projection';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditVerifyController {
  constructor(private readonly verification: AuditVerification) {}

  @Get('verify')
  @ReadsViews(AUDIT_TRAIL_PROJECTION)
  @RequireRoles('auditor', 'admin')
  @ApiOperation({
    summary: 'Walk the tamper-evident chain over the whole event log',
    description:
      'Waits for the service to seal what was appended before the request, then checks every sealed entry against ' +
      'the log without sealing anything itself. `firstBroken` names the first entry that was edited, deleted or ' +
      'inserted; `unsealed` lists events after the newest seal; `inconsistencies` lists stream revision and ' +
      'position holes (a row written into the log file directly); `trail` lists trail rows missing, altered or ' +
      "extra against the seals, each row compared whole (columns, actor, links, a referral's case people and " +
      'panel) with what the trail derives from its sealed event, naming what differs. `ok` is false on any of these. `sealedAtStart` lists events the service sealed ' +
      'although they were recorded before it started (appended while no service ran): read them. Keep `head.hash` outside the system and pass it ' +
      'back as `anchor=<position>:<hash>` to detect a rewrite of the chain itself; an anchor (given, or recorded by an ' +
      'earlier successful check) past the newest seal is `firstBroken.reason: anchor-beyond-head` (the log and its ' +
      'chain were cut back), one at a position no seal holds any more `anchor-not-sealed`, and a trail checkpoint ' +
      "past the log's last event is a `trail-ahead-of-log` problem. On a long log (some 20 s a million " +
      'events) start an `audit-verify` job instead (`POST /v1/jobs/audit-verify`): same report, with progress.',
  })
  async verify(
    @Query() { anchor }: VerifyQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<VerifyReport> {
    return this.verification.run({
      ...(anchor === undefined ? {} : { anchor }),
      principal,
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    });
  }
}
