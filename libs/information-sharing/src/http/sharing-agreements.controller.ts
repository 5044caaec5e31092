import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import {
  currentParties,
  dsaInForceAt,
  expiredBy,
  inForceSpells,
  withinDays,
  type DsaChangeTime,
  type DsaCommand,
  type DsaRecord,
  type RecordedDisclosure,
} from '../domain';
import { DisclosureRegister } from '../application/disclosure-register';
import { SharingAgreements } from '../application/sharing-agreements.service';
import {
  DsaPartyDto,
  ExpireSharingAgreementDto,
  RemoveDsaPartyDto,
  RenewSharingAgreementDto,
  SignSharingAgreementDto,
} from './dto/sharing-agreement.dto';
import { commandResponse } from './respond';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { disclosuresProjection } from '../projections/disclosures.projection';

const dsaIdPipe = uuidParam('dsaId');

const DATED_WITHIN =
  'occurredAt (default: now) before the agreement’s inForceFrom day: 400 `occurredAt` / `dated-within-agreement`, nothing written (one before the agreement was entered in the system is fine).';
const NOT_AHEAD =
  'occurredAt later than now beyond five minutes of clock skew: 400 `occurredAt` / `dsa-change-not-in-future`, nothing written (a planned end is inForceTo).';
const NOT_YET_COME =
  'An expiry or a party’s leaving recorded ahead before that was refused holds nothing up until its moment: the change may be dated sooner, and replaces its date.';
const MEMBERSHIP =
  'A party is one whose membership has begun and not ended: a joining recorded ahead before that was refused makes no party until it comes, and the agency may be added now (that joining then stands in its place).';
const AGAINST_SHARES =
  'Judged, in the agreement’s turn, after any share on it already under way in this API process has been written and the register holds it (503 `read-your-writes-timeout` if it does not in time, `read-model-rebuilding` at once while the register is rebuilt). Not guarded against a share sent at the same moment to another API process writing the same log: both may be written.';

/** A command on one agreement pins its revision, which `GET /{dsaId}` and its commands hand out as `ETag`. */
const PinsAgreementRevision = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'Expected agreement revision (the ETag of the agreement or of a command on it); 412 `expected-revision` when the agreement has moved on, and nothing is written',
  });

function agreementView(dsa: DsaRecord, now: Date) {
  const { exists: _exists, ...rest } = dsa;
  const today = now.toISOString();
  return {
    ...rest,
    parties: currentParties(dsa, today),
    // The spells in force, oldest first: a renewal after a lapse leaves the lapse between two.
    inForce: inForceSpells(dsa),
    inForceNow: dsaInForceAt(dsa, today),
    // Due for review from the review date on (UK calendar day), unless it has ended anyway.
    reviewDue: !expiredBy(dsa, today) && withinDays(today, dsa.reviewDate, null),
  };
}

/**
 * Data sharing agreements are information governance's to sign and change (admin); everyone who
 * records disclosures, and auditors, may read them.
 */
@ApiTags('information-sharing')
@ApiBearerAuth()
@Controller('v1/sharing-agreements')
export class SharingAgreementsController {
  constructor(
    private readonly agreements: SharingAgreements,
    private readonly register: DisclosureRegister,
  ) {}

  private async run(
    dsaId: string,
    command: (at: DsaChangeTime) => DsaCommand,
    occurredAt: string | undefined,
    principal: Principal,
    request: Request,
    response: Response,
  ) {
    const context = commandContextFor(principal, request, occurredAt);
    const outcome = await this.agreements.execute(
      dsaId,
      command({ occurredAt: context.occurredAt, recordedAt: context.now }),
      context,
      parseIfMatch(request.headers['if-match']),
    );
    return commandResponse(response, { dsaId }, outcome);
  }

  /** A change that must leave the disclosures recorded under the agreement covered (see `change`). */
  private async change(
    dsaId: string,
    agency: string | undefined,
    command: (at: DsaChangeTime, latestDisclosure: RecordedDisclosure | null) => DsaCommand,
    occurredAt: string | undefined,
    principal: Principal,
    request: Request,
    response: Response,
  ) {
    const context = commandContextFor(principal, request, occurredAt);
    const outcome = await this.agreements.change(
      dsaId,
      agency,
      (latest) => command({ occurredAt: context.occurredAt, recordedAt: context.now }, latest),
      context,
      parseIfMatch(request.headers['if-match']),
    );
    return commandResponse(response, { dsaId }, outcome);
  }

  @Post()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Sign a data sharing agreement (event dsa-signed)', description: NOT_AHEAD })
  sign(
    @Body() body: SignSharingAgreementDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const dsaId = body.dsaId ?? randomUUID();
    return this.run(
      dsaId,
      (at) => ({
        type: 'sign-dsa',
        dsaId,
        title: body.title,
        parties: body.parties,
        purpose: body.purpose,
        lawfulBasis: { ...body.lawfulBasis },
        reviewDate: body.reviewDate,
        inForceFrom: body.inForceFrom,
        inForceTo: body.inForceTo ?? null,
        ...at,
      }),
      body.occurredAt,
      p,
      q,
      r,
    );
  }

  @Post(':dsaId/parties')
  @HttpCode(200)
  @PinsAgreementRevision()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Add an agency to the agreement (dsa-party-added), effective from occurredAt',
    description:
      '409 `party-not-on-dsa` while it is a party. Dated before the agency last left: 400 `occurredAt` / `dsa-party-added-after-leaving` (it would reopen what the removal closed); before the agreement came into force: 400 `dated-within-agreement`; nothing written. ' +
      MEMBERSHIP +
      ' ' +
      NOT_AHEAD,
  })
  addParty(
    @Param('dsaId', dsaIdPipe) dsaId: string,
    @Body() body: DsaPartyDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(dsaId, (at) => ({ type: 'add-dsa-party', agency: body.agency, ...at }), body.occurredAt, p, q, r);
  }

  @Post(':dsaId/parties/remove')
  @HttpCode(200)
  @PinsAgreementRevision()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Remove an agency from the agreement (dsa-party-removed), with a reason',
    description:
      NOT_YET_COME +
      ' ' +
      'Ends every spell of the agency’s membership still running at occurredAt (one not yet begun is dropped); 409 `party-on-dsa` when it is not a party. occurredAt before the agency last joined: 400 `occurredAt` / `dsa-party-removed-after-joining`, nothing written. ' +
      'Effective from occurredAt, which must come after every disclosure already recorded under the agreement from or to that agency (one dated ahead of its recording counts from when it was recorded): 409 `covers-recorded-disclosures` naming occurredAt otherwise. ' +
      DATED_WITHIN +
      ' ' +
      NOT_AHEAD +
      ' ' +
      AGAINST_SHARES,
  })
  removeParty(
    @Param('dsaId', dsaIdPipe) dsaId: string,
    @Body() body: RemoveDsaPartyDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.change(
      dsaId,
      body.agency,
      (at, latestDisclosure) => ({
        type: 'remove-dsa-party',
        agency: body.agency,
        reason: body.reason,
        ...at,
        latestDisclosure,
      }),
      body.occurredAt,
      p,
      q,
      r,
    );
  }

  @Post(':dsaId/renew')
  @HttpCode(200)
  @PinsAgreementRevision()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Renew: a later review date, optionally a new end date (dsa-renewed)',
    description:
      'While the agreement runs, moves the end of its spell in force. After it has lapsed, a renewal whose inForceTo reaches its own day opens a new spell from that day (the UK day of occurredAt): the lapse stays uncovered; an inForceTo (given or kept) before that day renews nothing: 400 `renewal-reaches-its-day` naming inForceTo. An end before a disclosure already recorded under the agreement: 409 `covers-recorded-disclosures` naming inForceTo. An expiry recorded ahead before that was refused, and not yet come, is withdrawn: inForceTo is the end; a spell a renewal so recorded opened, not begun by this renewal’s day, gives way to it. ' +
      DATED_WITHIN +
      ' ' +
      NOT_AHEAD +
      ' ' +
      AGAINST_SHARES,
  })
  renew(
    @Param('dsaId', dsaIdPipe) dsaId: string,
    @Body() body: RenewSharingAgreementDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.change(
      dsaId,
      undefined,
      (at, latestDisclosure) => ({
        type: 'renew-dsa',
        reviewDate: body.reviewDate,
        ...(body.inForceTo === undefined ? {} : { inForceTo: body.inForceTo }),
        ...at,
        latestDisclosure,
      }),
      body.occurredAt,
      p,
      q,
      r,
    );
  }

  @Post(':dsaId/expire')
  @HttpCode(200)
  @PinsAgreementRevision()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'End the agreement now or at occurredAt (dsa-expired); its disclosures close',
    description:
      NOT_YET_COME +
      ' ' +
      'occurredAt must come after every disclosure already recorded under the agreement (one dated ahead of its recording counts from when it was recorded): 409 `covers-recorded-disclosures` naming occurredAt otherwise. ' +
      DATED_WITHIN +
      ' ' +
      NOT_AHEAD +
      ' ' +
      AGAINST_SHARES,
  })
  expire(
    @Param('dsaId', dsaIdPipe) dsaId: string,
    @Body() body: ExpireSharingAgreementDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.change(
      dsaId,
      undefined,
      (at, latestDisclosure) => ({
        type: 'expire-dsa',
        reason: body.reason ?? null,
        ...at,
        latestDisclosure,
      }),
      body.occurredAt,
      p,
      q,
      r,
    );
  }

  @Get()
  @ReadsViews(disclosuresProjection.name)
  @RequireRoles('coordinator', 'practitioner', 'auditor', 'admin')
  @ApiOperation({
    summary: 'All agreements, with current parties and whether each is in force today',
    description: '`parties`: each agency whose membership runs now, once. ' + MEMBERSHIP,
  })
  list() {
    const now = new Date();
    return { items: this.register.agreements().map((dsa) => agreementView(dsa, now)) };
  }

  @Get(':dsaId')
  @ReadsViews()
  @RequireRoles('coordinator', 'practitioner', 'auditor', 'admin')
  @ApiOperation({
    summary: 'One agreement with its membership history and its spells in force (`inForce`) (ETag = revision)',
  })
  async one(@Param('dsaId', dsaIdPipe) dsaId: string, @Res({ passthrough: true }) r: Response) {
    const dsa = await this.agreements.existing(dsaId);
    r.setHeader('ETag', `"${dsa.revision.toString()}"`);
    const { revision, ...record } = dsa;
    return { ...agreementView(record, new Date()), revision: Number(revision) };
  }
}
