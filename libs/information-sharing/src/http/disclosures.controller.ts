import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { notFound } from '../../../command-handling/src/rejections';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { RegisterReadings } from '../application/register-readings';
import { Disclosures, type DisclosureInput } from '../application/disclosures.service';
import {
  CorrectDisclosurePanelDto,
  DisclosureRegisterQuery,
  RevokeDisclosureDto,
  ShareInformationDto,
  WithholdInformationDto,
  type DisclosureSubjectDto,
} from './dto/disclosure.dto';
import { commandResponse } from './respond';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';
import { PERSON_INDEX } from '../../../identity/src/projections';
import { disclosuresProjection } from '../projections/disclosures.projection';

const disclosureIdPipe = uuidParam('disclosureId');

function inputOf(body: DisclosureSubjectDto): DisclosureInput {
  return {
    disclosureId: body.disclosureId ?? randomUUID(),
    toAgency: body.toAgency,
    toUser: body.toUser === undefined || body.toUser === null ? null : { ...body.toUser },
    personId: body.personId ?? null,
    caseId: body.caseId ?? null,
    panel: body.panel ?? null,
    fields: body.fields,
    purpose: body.purpose,
  };
}

/**
 * Sharing decisions, made by case workers about what they can see themselves, from their own
 * agency (taken from the token, never from the body).
 */
@ApiTags('information-sharing')
@ApiBearerAuth()
@Controller('v1/disclosures')
export class DisclosuresController {
  constructor(
    private readonly disclosures: Disclosures,
    private readonly register: RegisterReadings,
  ) {}

  @Post()
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: 'Record information shared (information-shared); the DSA must be in force and include both agencies',
    description:
      '`occurredAt` (default: now) not later than now beyond five minutes of clock skew (400 `disclosure-not-in-future`) and, ' +
      'about a case, not on a UK day before the case was referred (400 `disclosure-from-referral`; one about a person alone not before the panel it acts for first held the person, the earliest referral of that panel’s cases about or naming them, whichever fields it names). A blank `purpose` is 400 `purpose-required`. The entry keeps, for each person field disclosed, the person index records its value came from as the panel it acts for sees the person (a case’s: the case’s person as its panel sees them): it opens each field from those records only, on whoever holds them after a split or an undone merge, and at the value it had when the entry was recorded, never one recorded since. Case fields open in `GET /v1/cases/{id}` as the case stood when the entry was recorded, too (until a later entry gives them out again; a MARAC case’s `safeContactNumber` as the victim’s number in force then, including one recorded through her case): nothing of the case or the person is copied into the entry.',
  })
  async share(
    @Body() body: ShareInformationDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const context = commandContextFor(p, q, body.occurredAt);
    const input = inputOf(body);
    const outcome = await this.disclosures.share(
      input,
      {
        lawfulBasis: { ...body.lawfulBasis },
        dsaId: body.dsaId,
        consent: { ...body.consent },
        expiresAt: body.expiresAt ?? null,
        documents: body.documents ?? [],
      },
      p,
      context,
    );
    return commandResponse(r, { disclosureId: input.disclosureId }, outcome);
  }

  @Post('withheld')
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: 'Record a decision not to share, with the reason (information-withheld)',
    description:
      'With a `dsaId`, `toAgency` is checked against the agreement: it must exist (422 `dsa-exists`) and have `toAgency`, spelt as it has it, as a party (422 `dsa-includes-both-parties`), ' +
      'in force or not. Without one (no agreement names the agency that asked), the entry is known of only by the disclosing agency’s case workers on its panel, its recorder, auditors and admins. `consent: { given: false }` needs no justification. `occurredAt` (default: now) not later than ' +
      'now beyond five minutes of clock skew (400 `disclosure-not-in-future`) and, ' +
      'about a case, not on a UK day before the case was referred (400 `disclosure-from-referral`; one about a person alone not before the panel it acts for first held the person, the earliest referral of that panel’s cases about or naming them, whichever fields it names). A blank `purpose` or `reason` is 400 `purpose-required` / `reason-required`',
  })
  async withhold(
    @Body() body: WithholdInformationDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const context = commandContextFor(p, q, body.occurredAt);
    const input = inputOf(body);
    const outcome = await this.disclosures.withhold(
      input,
      {
        reason: body.reason,
        dsaId: body.dsaId ?? null,
        consent: body.consent === undefined || body.consent === null ? null : { ...body.consent },
      },
      p,
      context,
    );
    return commandResponse(r, { disclosureId: input.disclosureId }, outcome);
  }

  @Post(':disclosureId/revoke')
  @HttpCode(200)
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: 'Revoke a disclosure (disclosure-revoked): the disclosed fields close at once',
    description:
      '`occurredAt` (default: now) not before the disclosure it revokes (400 `revoked-after-disclosure`), nor later than now beyond five minutes of clock skew (400 `revocation-not-in-future`). A blank `reason` is 400 `reason-required`',
  })
  async revoke(
    @Param('disclosureId', disclosureIdPipe) disclosureId: string,
    @Body() body: RevokeDisclosureDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const context = commandContextFor(p, q, body.occurredAt);
    const outcome = await this.disclosures.revoke(disclosureId, body.reason, p, context);
    return commandResponse(r, { disclosureId }, outcome);
  }

  @Post(':disclosureId/panel')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({
    summary:
      'Set or correct the panel of an entry about a person alone (disclosure-panel-corrected); who may know of it follows the new panel. 409 `person-only-entry` for an entry about a case, `different-panel` when it is already that panel (recorded or corrected)',
  })
  async correctPanel(
    @Param('disclosureId', disclosureIdPipe) disclosureId: string,
    @Body() body: CorrectDisclosurePanelDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const outcome = await this.disclosures.correctPanel(
      disclosureId,
      body.panel,
      body.reason,
      commandContextFor(p, q, undefined),
    );
    return commandResponse(r, { disclosureId }, outcome);
  }

  @Get()
  @ReadsViews(disclosuresProjection.name, PERSON_INDEX, cohortProjection.name)
  @AuditedRead('search')
  @RequireRoles('coordinator', 'practitioner', 'auditor', 'admin')
  @ApiOperation({
    summary:
      "The disclosure register: shared and withheld, filtered and paged (audited as a search); each item's `open` says whether it opens anything now, by the rule the case view applies (shared, happened, not revoked, not past `expiresAt`, its DSA in force now with the recipient still a party), and `closedBy` why not (`withheld`, `revoked`, `not-yet-occurred`, `expired`, `dsa-unknown`, `dsa-expired`, `dsa-not-in-force`, `recipient-left-dsa`; null while open). A case worker sees the entries on their panels' cases and those about a person alone recorded for one of their panels (`panel`), those they recorded, and what was shared with their agency (with them alone, when the share names `toUser`). `personId` follows merges and splits: entries about a case the person holds now, or about them alone under any id that stands for them now; each item's `personId` is that person now (who holds its case, or whom its person id stands for), not the id recorded when it was shared. An entry about a person alone recorded with the records behind what it passed on (every one recorded since the register kept them) is listed instead under whoever holds one of those records now: made while a wrong merge joined two people and listed after the merge is undone under the one whose details it gave out (under both when it gave out some of each; never under the other alone), and after a split that took records to a new person, under that person when it gave out theirs. Each item's `personIds` names every person it is listed under, by their current id (`personId` is the first: the person its id stands for when among them); `splitSince: true` says the records behind it are no longer all with the person its id stands for (a merge undone, or records split off, since it was made), so what it gave out mixed people. One made before a merge is listed once under the survivor. Case entries, and person-only entries recorded before, have `personIds: [personId]` and `splitSince: false`. What an open share opens to its recipient (`GET /v1/people/{id}`, a disclosed `GET /v1/cases/{id}`) follows the same records, field by field: each field it disclosed only from the records its value came from, on whoever the register lists it under that holds them now (a case share: only the case's holder), never from a record it did not cover. An entry recorded before those were kept stays listed and `open`, but opens nothing of its person once they hold a record newer than it, someone merged into them, or records or cases a split moved onto or off them since",
  })
  list(@Query() query: DisclosureRegisterQuery, @CurrentPrincipal() p: Principal) {
    return this.register.list(
      {
        ...(query.personId === undefined ? {} : { personId: query.personId }),
        ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.agency === undefined ? {} : { agency: query.agency }),
      },
      { limit: query.limit ?? 50, offset: query.offset ?? 0 },
      p,
      new Date(),
    );
  }

  @Get(':disclosureId')
  @ReadsViews(disclosuresProjection.name, PERSON_INDEX, cohortProjection.name)
  // The entry names the person and case it is about: reading it is a read of their data.
  @AuditedRead('search', { subject: 'disclosure' })
  @RequireRoles('coordinator', 'practitioner', 'auditor', 'admin')
  @ApiOperation({
    summary:
      "One register entry (audited), with `open`, `closedBy`, `personIds` and `splitSince` as in the list; 404 to a case worker off its panel (the case's, or the one recorded for a person alone) who neither recorded it nor received it as a share (a share naming `toUser` is received by that user alone), as for an unknown id",
  })
  one(@Param('disclosureId', disclosureIdPipe) disclosureId: string, @CurrentPrincipal() p: Principal) {
    const item = this.register.one(disclosureId, p, new Date());
    if (item === undefined) throw notFound('disclosure-exists', `no disclosure ${disclosureId}`);
    return item;
  }
}
