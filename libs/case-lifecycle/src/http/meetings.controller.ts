import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { forbidden, invalid, notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import { exposePosition } from '../../../platform/src/http/position-header';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { loadCase } from '../application/case-command';
import { listCaseOnMeeting } from '../application/list-case-on-meeting';
import { workRecordedAtMeeting } from '../application/work-recorded-at-meeting';
import { agendaItems } from '../application/meeting-agenda';
import { mayWorkOnPanel, requirePanelMember } from '../application/panel-access';
import {
  createCaseDecider,
  createMeetingDecider,
  type CaseDecider,
  type MeetingDecider,
  type PanelRegistry,
  type CaseCommand,
  findPanel,
  meetingStream,
  type MeetingCommand,
  type WorkRecordedThere,
  type MeetingEvent,
  type MeetingRecord,
  requireCancelledBy,
  requireHeldBy,
  requireScheduledBy,
  requireRecordedByNow,
} from '../domain';
import { PANEL_REGISTRY } from '../application/configured-panel-registry';
import { ReasonDto } from './dto/case-work.dto';
import { ListCaseDto, RecordMeetingHeldDto, ScheduleMeetingDto } from './dto/meeting.dto';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { cohortProjection } from '../projections/cohort.projection';
import { PERSON_INDEX } from '../../../identity/src/projections';

const meetingIdPipe = uuidParam('meetingId');

/** A command on one meeting pins the meeting's revision, which its answers hand out as `ETag`. */
const PinsMeetingRevision = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'Expected meeting revision (the ETag a meeting command answered with); 412 `expected-revision` when the meeting has moved on, and nothing is written',
  });

const AGENDA_ITEM_FIELDS =
  'Each item: `caseId`; `personId`, the person the case is about now (after merges and splits); `displayName`, the name as the cohort tracker shows it; ' +
  "`status`, the case's phase (`referred`, `accepted`, `declined`, `closed`); `currentStatus` (a status from the panel's registry entry); `rag`; `openActions`, the number of actions agreed and not completed; " +
  'on MARAC meetings only, `marac`: `{ repeat, repeatRecognisedLater, repeatFrom, dashScore }` as the cohort tracker gives them: `repeat` a repeat as far as is known now, flagged at referral (unless a split has since moved the earlier referral to another person, or the incident came before that referral) or shown by the history as known since (identities merged since, a split that moved a case, or an earlier referral recorded later), `repeatRecognisedLater` true only for the second, `repeatFrom` `reported` when the last referral of the repeat is the previous MARAC date the referral form gave (later than any here), `history` otherwise, null for no repeat or while it cannot be told; and `perpetrator`: `{ personId, alsoKnownTo }` or null, the person the case names as perpetrator now (after merges and splits) and the other panels with an open case about or naming him (panel codes only, never what they hold), null when the case names no perpetrator or while the person index is being built; then `agencyRequests` (what each agency needs to bring) and `discussed` ' +
  '(the meeting was recorded as held naming the case, or the case recorded its discussion at this meeting). ' +
  'The case columns come from the cohort tracker, which follows the log by milliseconds: a case it does not hold yet (or while it is being rebuilt) has them as null, and the agenda is still given. ' +
  'Send `X-Min-Position` to read your own writes.';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('v1/meetings')
export class MeetingsController {
  /** Built from the registry in force, as every decider of this process is. */
  private readonly cases: CaseDecider;
  private readonly meetings: MeetingDecider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {
    this.cases = createCaseDecider(registry);
    this.meetings = createMeetingDecider(registry);
  }

  private async loadMeeting(meetingId: string, principal: Principal): Promise<MeetingRecord & { revision: bigint }> {
    const events = await this.store.readStream(meetingStream(meetingId));
    const state = evolveAll(this.meetings, events as unknown as MeetingEvent[]);
    if (!state.exists || !mayWorkOnPanel(principal, state.panelCode))
      throw notFound('meeting-exists', `no meeting ${meetingId}`);
    return { ...state, revision: events[events.length - 1]?.revision ?? -1n };
  }

  /**
   * Whether the meeting sat (held or cancelled), for members of its panel (others are told it does
   * not exist). Whether it sat, and when, must agree with what its cases recorded there, which their
   * streams hold: `build` gets that work with the command's date.
   */
  private decideOnMeeting(
    meetingId: string,
    occurredAt: string | undefined,
    build: (at: string, workThere: readonly WorkRecordedThere[]) => MeetingCommand,
    principal: Principal,
    request: Request,
    response: Response,
  ) {
    return namingOccurredAtOnlyWhenSent(occurredAt, async () => {
      const expectedRevision = parseIfMatch(request.headers['if-match']);
      const meeting = await this.loadMeeting(meetingId, principal);
      const context = commandContextFor(principal, request, occurredAt);
      const command = build(context.occurredAt, await workRecordedAtMeeting(this.store, meeting));
      if (command.type === 'record-meeting-held') requireHeldBy(command.data.occurredAt, context.now);
      if (command.type === 'cancel-meeting') requireCancelledBy(command.data.occurredAt, context.now);
      const result = await handleCommand(this.store, meetingStream(meetingId), this.meetings, command, context, {
        expectedRevision,
      });
      const position = exposePosition(response, result.position, result.nextExpectedRevision);
      return {
        meetingId,
        events: result.newEvents.map((event) => event.type),
        position: position === undefined ? null : Number(position),
      };
    });
  }

  @Post()
  @ApiOperation({
    summary: 'Schedule a panel meeting',
    description:
      '`occurredAt` (default: now) is when the meeting was arranged, which bounds its call-off (not before that UK day): ' +
      'not later than now, give or take a few minutes of clock skew (400 `meeting-scheduled-not-in-future`, naming `occurredAt`), with nothing written. ' +
      'A meeting typed in after it was arranged, or after it sat, may be dated when it was arranged.',
  })
  schedule(
    @Body() body: ScheduleMeetingDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const panel = findPanel(this.registry, body.panel.toUpperCase());
    if (panel === undefined) throw invalid('panel', 'known-panel', `no panel ${body.panel} in the registry`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a coordinator of ${panel.code}`);
    return namingOccurredAtOnlyWhenSent(body.occurredAt, async () => {
      const meetingId = randomUUID();
      const context = commandContextFor(principal, request, body.occurredAt);
      requireScheduledBy(context.occurredAt, context.now);
      const result = await handleCommand(
        this.store,
        meetingStream(meetingId),
        this.meetings,
        {
          type: 'schedule-meeting',
          data: {
            meetingId,
            occurredAt: context.occurredAt,
            panelCode: panel.code,
            scheduledFor: body.scheduledFor,
            chair: body.chair,
            ...(body.location === undefined ? {} : { location: body.location }),
          },
        },
        context,
      );
      const position = exposePosition(response, result.position, result.nextExpectedRevision);
      response.setHeader('Location', `/v1/meetings/${meetingId}`);
      return { meetingId, position: Number(position) };
    });
  }

  @Post(':meetingId/cases')
  @PinsMeetingRevision()
  @ApiOperation({
    summary: 'List a case on the meeting, with what each agency needs to bring',
    description:
      'The listing is dated now (the meeting may lie ahead): the case records it from the UK day of its referral ' +
      '(`case-listing-from-referral`) and not in the future (`case-listing-not-in-future`), rules that bind imports and jobs dating listings themselves. ' +
      'Referrals are dated no later than now (give or take five minutes of clock skew), so the first can only refuse a listing sent just after a UK midnight ' +
      'for a case referred a few minutes ahead: 400 with that rule and no `field`, since the route takes no date. ' +
      'The case records the listing before the agenda does: a case closed or declined at the same moment is refused (409 `case-open`) with nothing written, ' +
      'and sending the listing again after a request that failed between the two (a 503, a 412) completes the agenda instead of answering 409 `case-listed-once-per-meeting`.',
  })
  async list(
    @Param('meetingId', meetingIdPipe) meetingId: string,
    @Body() body: ListCaseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The route takes no occurredAt: a refusal of the date it gives the listing names no field.
    return namingOccurredAtOnlyWhenSent(undefined, async () => {
      const expectedRevision = parseIfMatch(request.headers['if-match']);
      const { revision: meetingRevision, ...meeting } = await this.loadMeeting(meetingId, principal);
      const current = await loadCase(this.store, body.caseId);
      requirePanelMember(principal, current.panelCode, body.caseId);
      const context = commandContextFor(principal, request, undefined);
      const listCase: CaseCommand & { type: 'list-case' } = {
        type: 'list-case',
        data: {
          caseId: body.caseId,
          occurredAt: context.occurredAt,
          meetingId,
          meetingPanelCode: meeting.panelCode,
          meetingDate: meeting.scheduledFor,
        },
      };
      requireRecordedByNow(listCase, context.now);
      const listed = await listCaseOnMeeting(
        this.store,
        { cases: this.cases, meetings: this.meetings },
        {
          meeting,
          meetingRevision,
          current,
          listCase,
          listOnMeeting: {
            type: 'list-case-on-meeting',
            data: {
              meetingId,
              occurredAt: context.occurredAt,
              caseId: body.caseId,
              agencyRequests: body.agencyRequests,
            },
          },
          expectedRevision,
        },
        context,
      );
      const position = exposePosition(response, listed.position, listed.nextExpectedRevision);
      return { meetingId, caseId: body.caseId, position: Number(position) };
    });
  }

  @Post(':meetingId/held')
  @PinsMeetingRevision()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the meeting sat: who attended and which listed cases it discussed',
    description:
      '`occurredAt` (default: now) is when it sat: not before the UK day it was scheduled for ' +
      '(409 `meeting-held-from-scheduled-day`), not before the UK day of a discussion or action its cases recorded there (409 `meeting-held-not-before-work-there`, naming `occurredAt`), ' +
      'and not later than now, give or take a few minutes of clock skew (400 `meeting-held-not-in-future`). Send `occurredAt` when recording a sitting on a later day.',
  })
  held(
    @Param('meetingId', meetingIdPipe) meetingId: string,
    @Body() body: RecordMeetingHeldDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decideOnMeeting(
      meetingId,
      body.occurredAt,
      (at, workThere) => ({
        type: 'record-meeting-held',
        data: {
          meetingId,
          occurredAt: at,
          attendance: body.attendance,
          casesDiscussed: body.casesDiscussed ?? [],
          workThere,
        },
      }),
      principal,
      request,
      response,
    );
  }

  @Post(':meetingId/cancel')
  @PinsMeetingRevision()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a meeting that has not sat, with a reason; it then takes no listings',
    description:
      '`occurredAt` (default: now) is when it was called off, which may be ahead of the day it was to sit: not later than now, give or take a few minutes of clock skew ' +
      '(400 `meeting-cancelled-not-in-future`), and not before the UK day the meeting was scheduled on (400 `meeting-cancelled-from-scheduling`), both naming `occurredAt`, with nothing written. ' +
      'A meeting at which a listed case already recorded a discussion or an agreed action sat: 409 `meeting-cancelled-before-work-there` (record it held instead).',
  })
  cancel(
    @Param('meetingId', meetingIdPipe) meetingId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decideOnMeeting(
      meetingId,
      body.occurredAt,
      (at, workThere) => ({
        type: 'cancel-meeting',
        data: { meetingId, occurredAt: at, reason: body.reason, workThere },
      }),
      principal,
      request,
      response,
    );
  }

  @Get(':meetingId/agenda')
  @ReadsViews(cohortProjection.name, PERSON_INDEX)
  @AuditedRead('case-viewed')
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: 'The cases listed on the meeting, in order, with what each agency needs to bring',
    description: AGENDA_ITEM_FIELDS,
  })
  @ApiOkResponse({
    description:
      'The meeting (panel, scheduledFor, chair, phase, heldAt, cancellation `{ reason, at }` or null) and its `items`',
  })
  async agenda(@Param('meetingId', meetingIdPipe) meetingId: string, @CurrentPrincipal() principal: Principal) {
    const meeting = await this.loadMeeting(meetingId, principal);
    return {
      meetingId,
      panel: meeting.panelCode,
      scheduledFor: meeting.scheduledFor,
      chair: meeting.chair,
      phase: meeting.phase,
      heldAt: meeting.heldAt,
      cancellation: meeting.cancellation,
      items: await agendaItems(this.store, this.readModels, this.people, meeting),
    };
  }

  @Get(':meetingId')
  @ReadsViews(cohortProjection.name, PERSON_INDEX)
  @AuditedRead('case-viewed')
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: 'A meeting with its agenda',
    description: `The meeting's record (attendance included); \`agenda\` holds the same items as the agenda route. ${AGENDA_ITEM_FIELDS}`,
  })
  async view(@Param('meetingId', meetingIdPipe) meetingId: string, @CurrentPrincipal() principal: Principal) {
    // `scheduledAt` bounds a call-off; the view keeps the fields it always gave.
    const {
      exists: _exists,
      revision: _revision,
      scheduledAt: _scheduledAt,
      ...meeting
    } = await this.loadMeeting(meetingId, principal);
    return { ...meeting, agenda: await agendaItems(this.store, this.readModels, this.people, meeting) };
  }
}
