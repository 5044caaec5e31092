import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { conflict } from '../../../command-handling/src/rejections';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { CASE_RULES, type CaseRecord } from '../domain';
import {
  AllianceResidenceDto,
  CustodyReleaseDto,
  EngagementOutcomeDto,
  KnownToYosDto,
  NoteDto,
} from './dto/case-work.dto';
import { CaseWorkRoutes, runCaseCommand, type BuildCaseCommand } from './run-case-command';

const caseIdPipe = uuidParam('caseId');

function latestEngagementId(current: CaseRecord): string {
  if (current.panel.kind !== 'alliance')
    throw conflict('alliance-case', 'engagement outcomes are recorded on Operation Alliance cases only');
  const engagements = Object.values(current.panel.engagements);
  const latest = engagements[engagements.length - 1];
  if (latest === undefined) throw conflict('alliance-engagement-recorded', 'this case has no custody engagement yet');
  return latest.engagementId;
}

/**
 * Operation Alliance facts about the case's latest custody engagement. Each is recorded after it
 * happened: an `occurredAt` later than the server's clock, beyond five minutes of skew, is 400
 * `alliance-not-in-future`.
 */
@CaseWorkRoutes()
export class AllianceCaseWorkController {
  constructor(private readonly commands: CommandBus) {}

  private run(
    caseId: string,
    occurredAt: string | undefined,
    build: BuildCaseCommand,
    principal: Principal,
    request: Request,
    response: Response,
  ) {
    const notInFutureRule = CASE_RULES.allianceNotInFuture;
    return runCaseCommand(this.commands, { caseId, occurredAt, build, principal, request, response, notInFutureRule });
  }

  @Post('engagement-outcome')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Operation Alliance: the outcome of the custody engagement (awaiting-intervention may later become intervention-arranged)',
    description:
      'Not before the engagement (422 `alliance-on-or-after-engagement`); `out-of-area-mash-referral` only for a child ' +
      'living outside the scheme’s boroughs (422 `alliance-out-of-area-residence`): a residence that names Enfield or ' +
      'Haringey as a word ("LB Haringey", "London Borough of Enfield", "Tottenham, Haringey" ...) is a home borough.',
  })
  outcome(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: EngagementOutcomeDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (current, at) => ({
        type: 'record-alliance-engagement-outcome',
        data: { caseId, occurredAt: at, engagementId: latestEngagementId(current), outcome: body.outcome },
      }),
      p,
      q,
      r,
    );
  }

  @Post('custody-release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Operation Alliance: the child was released from custody; the follow-up is then due from release',
    description:
      'Once per engagement (the same time again records nothing; another 409 `alliance-custody-release-once`); ' +
      'not before the engagement (422 `alliance-on-or-after-engagement`) nor after a follow-up already recorded ' +
      '(422 `alliance-follow-up-after-release`).',
  })
  release(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: CustodyReleaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (current, at) => ({
        type: 'record-alliance-custody-release',
        data: { caseId, occurredAt: at, engagementId: latestEngagementId(current) },
      }),
      p,
      q,
      r,
    );
  }

  @Post('known-to-yos')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Operation Alliance: known to the Youth Offending Service, checked later or corrected, with the reason',
    description:
      'Records `alliance-known-to-yos-recorded` on the latest engagement, with the answer it replaces; `occurredAt` defaults to now, ' +
      'not before the engagement (422 `alliance-on-or-after-engagement`). The same answer again records nothing; no reason is 400 naming `reason`. ' +
      'The case view shows the answer, and the evaluation counts the latest dated by the end of its period. A closed case takes it too ' +
      '(the evaluation counts closed cases), dated up to its closure: later is 422 `alliance-known-to-yos-not-after-closure` naming `occurredAt` ' +
      '(send the engagement’s time to put right the answer given in custody).',
  })
  knownToYos(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: KnownToYosDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (current, at) => ({
        type: 'record-alliance-known-to-yos',
        data: {
          caseId,
          occurredAt: at,
          engagementId: latestEngagementId(current),
          knownToYos: body.knownToYos,
          reason: body.reason,
        },
      }),
      p,
      q,
      r,
    );
  }

  @Post('alliance-residence')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Operation Alliance: where the child lives, corrected (a typo at referral, or the child moved), with the reason',
    description:
      'Records `alliance-residence-recorded` on the latest engagement; the residence holds from `occurredAt` (defaults to now): ' +
      'send the engagement’s time to put right a mistyped residence, the move’s for a child who moved. Not before the engagement ' +
      '(422 `alliance-on-or-after-engagement`). The same residence as the one in force then records nothing. A residence naming a ' +
      'home borough and another London borough is 400 `alliance-residence-ambiguous` naming `residence`; no reason is 400 naming `reason`. ' +
      'An outcome is judged by the residence in force at its own time, so a later `out-of-area-mash-referral` follows the correction ' +
      '(and one already recorded stands: a correction making a home borough in force at a recorded `out-of-area-mash-referral` is 422 ' +
      '`alliance-residence-contradicts-outcome` naming `occurredAt`; date a move after that outcome, as outcomes cannot be changed); the case view shows `residenceBorough` (in force now) and `residenceHistory` ' +
      '(`[{ residenceBorough, from }]`), the tracker’s `alliance.residence` and `?asOf=` the one in force that day, and the evaluation ' +
      'counts the one in force at the end of its period. A closed case takes the correction too (the evaluation counts closed cases), ' +
      'dated up to its closure: later is 422 `alliance-residence-not-after-closure` naming `occurredAt`.',
  })
  residence(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: AllianceResidenceDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (current, at) => ({
        type: 'record-alliance-residence',
        data: {
          caseId,
          occurredAt: at,
          engagementId: latestEngagementId(current),
          residenceBorough: body.residence,
          reason: body.reason,
        },
      }),
      p,
      q,
      r,
    );
  }

  @Post('follow-up')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Operation Alliance: the follow-up after release was done',
    description:
      'Not before the engagement (422 `alliance-on-or-after-engagement`) nor before a recorded release ' +
      '(422 `alliance-follow-up-after-release`); once (409 `alliance-follow-up-once`).',
  })
  followUp(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (current, at) => ({
        type: 'complete-alliance-follow-up',
        data: {
          caseId,
          occurredAt: at,
          engagementId: latestEngagementId(current),
          ...(body.note === undefined ? {} : { note: body.note }),
        },
      }),
      p,
      q,
      r,
    );
  }
}
