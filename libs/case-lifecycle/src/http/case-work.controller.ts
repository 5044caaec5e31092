import { Body, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import {
  AgreeActionDto,
  ArrangeInterventionDto,
  ChangeStatusDto,
  CloseCaseDto,
  NoteDto,
  PanelDiscussionDto,
  RateRiskDto,
  ReasonDto,
  RecordEngagementDto,
  UpdatePathwaysDto,
} from './dto/case-work.dto';
import { CasePersonDetailsDto } from './dto/person.dto';
import { IomWhereaboutsDto } from './dto/iom-whereabouts.dto';
import { IomDiscretionDto, IomRejectionDto } from './dto/iom-decision.dto';
import { iomScoresFrom, IomScoresDto } from './dto/iom-scores.dto';
import { recordCasePersonDetails } from './case-person-details';
import { PERSON_RESOLVER, type PersonResolver } from '../application/person-resolution/person-resolver';
import { interventionKindOf } from '../domain/rules/intervention-kind';
import { evolveAll } from '../../../command-handling/src/decider';
import {
  CASE_RULES,
  MEETING_RULES,
  meetingDecider,
  meetingStream,
  type MeetingEvent,
  type MeetingStanding,
} from '../domain';
import { CaseWorkRoutes, runCaseCommand, type BuildCaseCommand } from './run-case-command';

const caseIdPipe = uuidParam('caseId');
// Client-chosen UUIDs (AgreeActionDto, ArrangeInterventionDto): anything else is a malformed path, not an unknown item.
const actionIdPipe = uuidParam('actionId');
const interventionIdPipe = uuidParam('interventionId');
/** A decision on the referral says whether the client dated it: only then does it bound the closure. */
const dated = (occurredAt: string | undefined) => (occurredAt === undefined ? {} : { dated: true });

/** How every IOM decision is judged, said on each of the three routes. */
const JUDGED_ON_ITS_DAY =
  'Eligibility is judged as it stood at `occurredAt` (default: now): an upload received after that day (an expiry flag, ' +
  'a new evaluation) does not change how a decision the panel took before it is judged, however late it is typed up.';

@CaseWorkRoutes()
export class CaseWorkController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSON_RESOLVER) private readonly people: PersonResolver,
  ) {}

  /**
   * How the meeting a discussion (or an action) names stands on its own stream: the case decider
   * refuses one that was cancelled, or a day other than the one it sat. No meeting by that id: phase
   * null, and the case's listings refuse it as before (nothing here says whether another panel's
   * meeting exists: the case is only ever listed on its own panel's).
   */
  private async meetingStanding(meetingId: string): Promise<MeetingStanding> {
    const events = (await this.store.readStream(meetingStream(meetingId))) as unknown as MeetingEvent[];
    const meeting = evolveAll(meetingDecider, events);
    return meeting.exists
      ? { meetingPhase: meeting.phase, meetingHeldAt: meeting.heldAt }
      : { meetingPhase: null, meetingHeldAt: null };
  }

  private run(
    caseId: string,
    occurredAt: string | undefined,
    build: BuildCaseCommand,
    principal: Principal,
    request: Request,
    response: Response,
    notInFutureRule?: string,
  ) {
    return runCaseCommand(this.commands, {
      caseId,
      occurredAt,
      build,
      principal,
      request,
      response,
      ...(notInFutureRule === undefined ? {} : { notInFutureRule }),
    });
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept a referral (not IOM: IOM adopts or rejects with a reason)',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `decision-from-referral`) and not later than now beyond a few minutes of clock skew (400 `decision-not-in-future`).',
  })
  accept(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'accept-referral',
        data: {
          caseId,
          occurredAt: at,
          ...dated(body.occurredAt),
          ...(body.note === undefined ? {} : { note: body.note }),
        },
      }),
      p,
      q,
      r,
    );
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline a referral, with a reason',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `decision-from-referral`), nor of the latest ' +
      'step already recorded on the pending case: a discussion, action, intervention step, rating, level, status, Alliance fact ' +
      '(400 `decision-after-last-step`, saying that day), and not later than now beyond a few minutes of clock skew (400 `decision-not-in-future`).',
  })
  decline(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'decline-referral',
        data: { caseId, occurredAt: at, ...dated(body.occurredAt), reason: body.reason },
      }),
      p,
      q,
      r,
    );
  }

  @Post('person-details')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record new details of the case's person (address, postcode, safe contact number, identifiers ...) without a new referral",
    description:
      "For members of the case's panel, on an open case (others 404 `case-exists`; a closed or declined case 409 `case-open`, except a body of `identifiers` alone, corrected through any case: the record outlives it). `safeContactNumber` on MARAC cases only (400 `marac-only-field`). " +
      "Written on the person's registration when a referral to the case's panel made it, otherwise on the record the case's " +
      "referral linked (`person-record-details-recorded`), so one panel's details never land where another panel reads them; " +
      '409 `person-record-of-case-panel` only when no referral to that panel brought in a record of the person. ' +
      'Every field sent is recorded, even one the record already holds (nothing is written only when nothing is given): a value recorded again is the one recorded last, so her first safe number recorded again once a repeat referral’s is compromised is the golden record’s again. ' +
      'A new `safeContactNumber` is the one a disclosure of the case’s `safeContactNumber` recorded after it gives out; one recorded before keeps the number it gave. ' +
      '`occurredAt` (default: now) is when the details became known: not before the UK day of the referral (400 `person-details-from-referral`) ' +
      'and not later than now, give or take a few minutes of clock skew (400 `person-details-not-in-future`), naming `occurredAt`, with nothing written. ' +
      '`identifiers` corrects the identifiers on the record the case’s own referral brought in (its registration, or the record it linked), wherever a split has taken it since: a repeat referral’s mistyped PNC ID is corrected through the repeat’s case, while the other details go on the panel’s first record as above. ' +
      'Sent beside other details, both are written in one event when they go on one record; otherwise 400 `identifiers-sent-alone` naming `identifiers`, nothing written: send them in two requests. ' +
      'A value sets one, checked exactly as a referral’s (400 `isValid-<kind>` or `placeholder-identifier`, naming e.g. `identifiers.pnc`); `null` removes one recorded in error (a victim’s PNC ID typed on his referral), recorded as `identifiersRemoved` on the event. ' +
      '`reason` is then required and not blank (400 `reason-with-identifiers` naming `reason`) and kept on the event, trimmed, beside who recorded it, for audit. ' +
      'From then on the matcher, the person view, disclosures and the identifier checks of reviews and splits read the record without a removed value; a removal takes the value off this record only. ' +
      '409 `identifier-not-on-record` (naming e.g. `identifiers.pnc`, nothing written) when that record holds no value of a kind sent as `null`: a value the person holds is then on a record another referral brought in, removed through that referral’s case by a coordinator of its panel (the message names neither the value nor the panel). ' +
      'On an IOM case, the records the monthly upload brought in for that case (a later month’s row on a nominal who already has the case) are the case’s too: a removal takes the kind off every record of the case holding it (409 `identifier-not-on-record` only when none does), a value set replaces it on the case’s own record and on each of them holding another value, and `identifier-conflict` judges only the person’s other records; `events` lists every record’s write, and the same request sent again skips records already corrected. ' +
      'A value replaced or removed through an IOM case is remembered: a later monthly upload row still carrying it, whose other cells link to that nominal, is a bad row (`identifier-corrected-on-record`, naming this case), not a second person with a second referral. ' +
      'An open match review whose `identifiers: agree` rested on a value removed so leaves the queue and confirming it is 409 `proposal-evidence-removed`. ' +
      '409 `identifier-conflict` (naming the kind, never a value; nothing written) when a value set would give the person, as they are now, two different valid values of one kind across their records. ' +
      'A value another person holds is never a link: that pair is proposed for review when the record reaches the review band with them and nothing keeps the two apart (a split, a rejection, another value of a kind), and `events` then ends with `match-proposed`.',
  })
  personDetails(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: CasePersonDetailsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return recordCasePersonDetails(this.store, { caseId, body, principal, request, response, people: this.people });
  }

  @Post('discussions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record what the panel discussed and decided at a meeting',
    description:
      '`occurredAt` (default: now) is when the case was discussed: not before the UK day of the referral (400 `case-discussion-from-referral`) ' +
      'nor the UK day the meeting was scheduled for (409 `meeting-held-from-scheduled-day`), and not later than now, give or take a few minutes of clock skew (400 `meeting-held-not-in-future`). ' +
      'The meeting sat: never a cancelled one (409 `discussed-at-a-meeting-that-sat`, naming `meetingId`), and at one recorded held, not after the UK day it sat (409 `discussed-by-the-day-the-meeting-sat`).',
  })
  async discuss(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: PanelDiscussionDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const standing = await this.meetingStanding(body.meetingId);
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'record-panel-discussion',
        data: {
          caseId,
          occurredAt: at,
          meetingId: body.meetingId,
          ...standing,
          attendance: body.attendance,
          summary: body.summary,
          decisions: body.decisions,
        },
      }),
      p,
      q,
      r,
      MEETING_RULES.heldNotInFuture,
    );
  }

  @Post('actions')
  @ApiOperation({
    summary: 'Agree an action with an owning agency',
    description:
      '`occurredAt` (default: now) is when it was agreed: not before the UK day of the referral (400 `action-from-referral`) ' +
      'and not later than now beyond a few minutes of clock skew (400 `action-not-in-future`; agreed at a meeting, ' +
      '`meeting-held-not-in-future`, and not before the UK day the meeting was scheduled for, 409 `meeting-held-from-scheduled-day`; ' +
      'never at a cancelled meeting, 409 `discussed-at-a-meeting-that-sat`, and at one recorded held not after the UK day it sat, 409 `discussed-by-the-day-the-meeting-sat`). ' +
      '`dueBy` is what lies ahead: any day from the day agreed on (400 `action-due-from-agreed-day`).',
  })
  async agreeAction(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: AgreeActionDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const actionId = body.actionId ?? randomUUID();
    const meeting =
      body.meetingId === undefined
        ? {}
        : { meetingId: body.meetingId, ...(await this.meetingStanding(body.meetingId)) };
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'agree-action',
        data: {
          caseId,
          occurredAt: at,
          actionId,
          description: body.description,
          ownerAgency: body.ownerAgency,
          dueBy: body.dueBy,
          ...meeting,
        },
      }),
      p,
      q,
      r,
    ).then((result) => ({ ...result, actionId }));
  }

  @Post('actions/:actionId/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark an agreed action done',
    description:
      '`occurredAt` (default: now) is when it was done: not before the UK day of the referral (400 `action-from-referral`) ' +
      'nor the UK day the action was agreed (400 `action-completed-from-agreed-day`), and not later than now beyond a few ' +
      'minutes of clock skew (400 `action-not-in-future`).',
  })
  completeAction(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('actionId', actionIdPipe) actionId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'complete-action',
        data: { caseId, occurredAt: at, actionId, ...(body.note === undefined ? {} : { note: body.note }) },
      }),
      p,
      q,
      r,
    );
  }

  @Post('interventions')
  @ApiOperation({
    summary: 'Arrange an intervention (type, provider, pathway)',
    description:
      '`occurredAt` (default: now) is when it was arranged, not when it will start: not before the UK day of the referral ' +
      '(400 `intervention-from-referral`) and not later than now beyond a few minutes of clock skew (400 `intervention-not-in-future`). ' +
      'Record the start once it has happened. Without `kind`, a `type` that names an IDVA ("IDVA support", "Idvas", ' +
      '"Independent Domestic Violence Adviser", "Advisor", "Advocate" or "Advocacy", as whole words, any case) is recorded as `kind: idva`, ' +
      "the MARAC tracker's IDVA support. The answer gives `interventionId` and the `kind` recorded (null for none).",
  })
  arrange(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: ArrangeInterventionDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    const interventionId = body.interventionId ?? randomUUID();
    // Stored, not re-guessed by each reader: the type is free text, and the IDVA column reads the kind.
    const kind = interventionKindOf(body.type, body.kind);
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'arrange-intervention',
        data: {
          caseId,
          occurredAt: at,
          interventionId,
          interventionType: body.type,
          provider: body.provider,
          ...(body.pathway === undefined ? {} : { pathway: body.pathway }),
          ...(kind === undefined ? {} : { kind }),
        },
      }),
      p,
      q,
      r,
    ).then((result) => ({ ...result, interventionId, kind: kind ?? null }));
  }

  @Post('interventions/:interventionId/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that an arranged intervention started',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `intervention-from-referral`) nor the UK day it was arranged ' +
      '(400 `intervention-steps-in-order`), and not later than now beyond a few minutes of clock skew (400 `intervention-not-in-future`).',
  })
  start(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('interventionId', interventionIdPipe) interventionId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({ type: 'start-intervention', data: { caseId, occurredAt: at, interventionId } }),
      p,
      q,
      r,
    );
  }

  @Post('interventions/:interventionId/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that a started intervention was completed',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `intervention-from-referral`) nor the UK day it started ' +
      '(400 `intervention-steps-in-order`), and not later than now beyond a few minutes of clock skew (400 `intervention-not-in-future`).',
  })
  completeIntervention(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('interventionId', interventionIdPipe) interventionId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'complete-intervention',
        data: { caseId, occurredAt: at, interventionId, ...(body.note === undefined ? {} : { note: body.note }) },
      }),
      p,
      q,
      r,
    );
  }

  @Post('interventions/:interventionId/decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that an arranged intervention was declined (`note` is the reason)',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `intervention-from-referral`) nor the UK day it was arranged ' +
      '(400 `intervention-steps-in-order`), and not later than now beyond a few minutes of clock skew (400 `intervention-not-in-future`).',
  })
  declineIntervention(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('interventionId', interventionIdPipe) interventionId: string,
    @Body() body: NoteDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'decline-intervention',
        data: { caseId, occurredAt: at, interventionId, ...(body.note === undefined ? {} : { reason: body.note }) },
      }),
      p,
      q,
      r,
    );
  }

  @Post('engagement')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record motivation & engagement (four levels)',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `engagement-from-referral`) and not later than now beyond a few minutes of clock skew (400 `engagement-not-in-future`).',
  })
  engagement(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: RecordEngagementDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'record-engagement',
        data: { caseId, occurredAt: at, level: body.level, ...(body.note === undefined ? {} : { note: body.note }) },
      }),
      p,
      q,
      r,
    );
  }

  @Post('risk-rating')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rate risk red / amber / green',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `risk-rating-from-referral`) and not later than now beyond a few minutes of clock skew (400 `risk-rating-not-in-future`). The latest by `occurredAt` is the current rating.',
  })
  rate(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: RateRiskDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'rate-risk',
        data: {
          caseId,
          occurredAt: at,
          rating: body.rating,
          ...(body.rationale === undefined ? {} : { rationale: body.rationale }),
        },
      }),
      p,
      q,
      r,
    );
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({
    summary: "Change the person's current status (values from the panel registry)",
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `case-status-from-referral`) and not later than now beyond a few minutes of clock skew (400 `case-status-not-in-future`). Every review is recorded, the same status again included (`previousStatus` then names it too): the latest by `occurredAt` is current, so a review entered late about an earlier day is history and does not overrule a later one that repeated the status. Only a retry records nothing (`events: []`): the status in force at `occurredAt` sent with the same `occurredAt` as the entry that recorded it (the same instant, however written), or a request replayed by its `Idempotency-Key`.',
  })
  status(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: ChangeStatusDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({ type: 'change-case-status', data: { caseId, occurredAt: at, status: body.status } }),
      p,
      q,
      r,
    );
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the case with an exit status; closing a closed case answers 409',
    description:
      '`occurredAt` (default: now): not before the UK day of the referral (400 `closure-from-referral`), nor of an accept or ' +
      'adoption sent with its own `occurredAt` (400 `closure-after-decision`; an undated one was stamped when recorded and ' +
      'does not bound it), nor of the latest step recorded on the case: a discussion, action, intervention step, rating, level, status, IOM pathways or whereabouts, Alliance fact ' +
      '(400 `closure-after-last-step`, saying that day), and not later than now beyond a few minutes of clock skew (400 `closure-not-in-future`).',
  })
  close(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: CloseCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'close-case',
        data: {
          caseId,
          occurredAt: at,
          exitStatus: body.exitStatus,
          ...(body.exitDetail === undefined ? {} : { exitDetail: body.exitDetail }),
        },
      }),
      p,
      q,
      r,
      CASE_RULES.closureNotInFuture,
    );
  }

  @Post('iom/adopt')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: adopt an eligible case into the cohort (reason required)',
    description:
      '422 `iom-core-cohort-eligibility` when the case was not eligible at `occurredAt` (naming the day, and the ' +
      "upload's expiry flag if one was in force then): adopt it by discretion. " +
      JUDGED_ON_ITS_DAY,
  })
  adopt(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'adopt-iom-case',
        data: { caseId, occurredAt: at, ...dated(body.occurredAt), reason: body.reason },
      }),
      p,
      q,
      r,
      CASE_RULES.iomDecisionNotInFuture,
    );
  }

  @Post('iom/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: reject a referred case, with a category of why (reason required for `other`)',
    description:
      '400 naming `category` when it is missing or not one of the list; 400 `iom-reason-for-other` on `reason` when ' +
      'category `other` comes without one. Analysts count the category, never the reason. `occurredAt` (default: now): not ' +
      'before the UK day of the referral (400 `iom-decision-from-referral`), nor of the latest step already recorded on the ' +
      'pending case: pathways, whereabouts, a rating, level, status, discussion, action or intervention step (400 ' +
      '`decision-after-last-step`, saying that day), and not later than now beyond a few minutes of clock skew (400 `iom-decision-not-in-future`). ' +
      '`eligibleWhenRejected` records whether the case was eligible at `occurredAt`. ' +
      JUDGED_ON_ITS_DAY,
  })
  reject(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: IomRejectionDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'reject-iom-case',
        data: { caseId, occurredAt: at, ...dated(body.occurredAt), ...categorised(body) },
      }),
      p,
      q,
      r,
      CASE_RULES.iomDecisionNotInFuture,
    );
  }

  @Post('iom/adopt-by-discretion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: add a non-eligible case by local discretion, with a category of why (reason required for `other`)',
    description:
      '422 `iom-discretion-for-non-eligible` when the case was eligible at `occurredAt`: adopt it. ' +
      JUDGED_ON_ITS_DAY,
  })
  adoptByDiscretion(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: IomDiscretionDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'adopt-iom-case-by-discretion',
        data: { caseId, occurredAt: at, ...dated(body.occurredAt), ...categorised(body) },
      }),
      p,
      q,
      r,
      CASE_RULES.iomDecisionNotInFuture,
    );
  }

  @Post('iom/pathways')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: set the criminogenic needs / pathways being worked on',
    description:
      '`occurredAt` (default: now) is when the needs were identified: not before the UK day of the referral (400 ' +
      '`iom-pathways-from-referral`) and not later than now beyond a few minutes of clock skew (400 `iom-pathways-not-in-future`). ' +
      'The case, the tracker and `?asOf=` show the latest set by `occurredAt`: a review dated before it, entered late, is ' +
      'history and does not replace it. The same set again, dated later, is recorded: it is the latest review. Only a retry ' +
      'records nothing (`events: []`): the current set, in any order, with the same `occurredAt` as the current set (the same ' +
      'instant, however written), or a request replayed by its `Idempotency-Key`. A review dated before the current set is ' +
      'always recorded as history, so one sent twice is there twice and changes nothing.',
  })
  pathways(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: UpdatePathwaysDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({ type: 'update-iom-pathways', data: { caseId, occurredAt: at, pathways: body.pathways } }),
      p,
      q,
      r,
    );
  }

  @Post('iom/scores')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: record OGRS/OVP scores on an open case, judged under the policy in force',
    description:
      'For the scores probation gives after a referral came without them (a referral form, whose referrer may not know ' +
      'them: the case is not assessed until then), or a new assessment. Appends `iom-eligibility-evaluated` (source ' +
      "`re-assessment`) under the panel's configured policy, exactly as a referral with scores is evaluated; the tracker, " +
      '`asOf`, the eligible-not-adopted list and the IOM reports follow from `occurredAt`: the latest assessment by ' +
      '`occurredAt` is in force (adoption is judged on it), so an older one entered late is history and does not overrule ' +
      'a later one (it shows on `asOf` days before the later one). All three fields are required ' +
      "(400 naming each). On an open IOM case (409 `panel-kind` on another panel's case, 409 `case-open` once closed or " +
      'rejected). `occurredAt` (default: now) is when the scores were assessed: not before the UK day of the referral (400 ' +
      '`iom-scores-from-referral`) and not later than now beyond a few minutes of clock skew (400 `iom-scores-not-in-future`). ' +
      'Only a retry records nothing (`events: []`): the scores of the evaluation in force at `occurredAt`, sent with ' +
      "that evaluation's own `occurredAt` (the same instant, however written), an earlier entry retried after a newer " +
      'one included; or a request replayed by its `Idempotency-Key`.',
  })
  scores(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: IomScoresDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'evaluate-iom-eligibility',
        data: {
          caseId,
          occurredAt: at,
          source: 're-assessment',
          scores: iomScoresFrom(body),
        },
      }),
      p,
      q,
      r,
      CASE_RULES.iomScoresNotInFuture,
    );
  }

  @Post('iom/whereabouts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IOM: the nominal cannot be located, or is located again',
    description:
      "On an open IOM case (409 `panel-kind` on another panel's case, 409 `case-open` once closed). `unlocated` starts a run from the UK date of " +
      '`occurredAt` (default now); the tracker shows it as `unlocatedSince`, and six calendar months or more on as `enforcement` `media-appeal`. ' +
      '`located` ends it. Unlocated only while located and located only while unlocated (409 `iom-whereabouts-change`); `occurredAt` not later ' +
      'than now, give or take a few minutes (400 `iom-whereabouts-not-in-future`), not before the UK day of the referral (400 ' +
      '`iom-whereabouts-from-referral`) nor of the previous whereabouts record (400 `iom-whereabouts-in-order`).',
  })
  whereabouts(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: IomWhereaboutsDto,
    @CurrentPrincipal() p: Principal,
    @Req() q: Request,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      caseId,
      body.occurredAt,
      (_, at) => ({
        type: 'record-iom-whereabouts',
        data: {
          caseId,
          occurredAt: at,
          whereabouts: body.whereabouts,
          ...(body.note === undefined ? {} : { note: body.note }),
        },
      }),
      p,
      q,
      r,
      CASE_RULES.iomWhereaboutsNotInFuture,
    );
  }
}

/** The category, and the panel's words only when it gave some. */
function categorised<Category extends string>(body: { category: Category; reason?: string }) {
  return { category: body.category, ...(body.reason === undefined ? {} : { reason: body.reason }) };
}
