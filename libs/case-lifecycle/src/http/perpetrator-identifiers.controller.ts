import { Body, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { PERSON_RESOLVER, type PersonResolver } from '../application/person-resolution/person-resolver';
import { correctPerpetratorIdentifiers } from './case-perpetrator-identifiers';
import { PerpetratorIdentifiersDto } from './dto/person.dto';
import { CaseWorkRoutes } from './run-case-command';

@CaseWorkRoutes()
export class PerpetratorIdentifiersController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSON_RESOLVER) private readonly people: PersonResolver,
  ) {}

  @Post('perpetrator-identifiers')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct or remove an identifier on the record a MARAC referral brought in for the perpetrator it names',
    description:
      'For members of the case’s panel (others 404 `case-exists`), on a MARAC case in any phase (closed and declined too: his record outlives the case); 409 `perpetrator-record-of-case` on any other case, or when the referral named no perpetrator or was recorded before referrals named his record. ' +
      'Acts on that record, wherever a split has taken it since, and on each of his records other MARAC referrals brought in (a repeat’s copy of his details) holding the value exactly as that record does; never on the victim’s, nor on a record of his another panel’s referral brought in (corrected through that case’s `person-details`). ' +
      '`identifiers`: a value sets one, checked exactly as a referral’s (400 `isValid-<kind>` or `placeholder-identifier`, naming e.g. `identifiers.pnc`); `null` removes one recorded in error (409 `identifier-not-on-record` when his record holds none of that kind), recorded as `identifiersRemoved`; at least one (400 `one-field-required`). ' +
      '`reason` is required and not blank (400 `reason-with-identifiers`), kept on the event, trimmed, beside who recorded it, with the case as `namedOn`. ' +
      '`occurredAt` (default: now): not before the UK day of the referral (400 `person-details-from-referral`), not in the future (400 `person-details-not-in-future`). ' +
      '409 `identifier-conflict` (naming the kind, never a value; nothing written) when a value set would give him two different valid values of one kind across his records. ' +
      'A value another person holds is never a link: the pair is proposed for review when his record reaches the review band with them and nothing keeps them apart (never with the victim the case is about), and `events` then ends with `match-proposed`. ' +
      'Answers `{ caseId, personId, events, position }`, `personId` being whoever holds his record now; the case’s revision (ETag) is unchanged.',
  })
  correct(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: PerpetratorIdentifiersDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return correctPerpetratorIdentifiers(this.store, {
      caseId,
      body,
      principal,
      request,
      response,
      people: this.people,
    });
  }
}
