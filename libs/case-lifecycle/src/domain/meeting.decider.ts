/**
 * The meeting decider (`meeting-<id>`): a panel sitting, its agenda and what happened at it.
 * The agenda is the meeting's own invariant (a case is listed once on a meeting), so it lives
 * here; the case's side of a listing is `case-listed` on the case stream. The application
 * writes the meeting first (it refuses duplicates and closed agendas), then the case.
 */
import type { Decider } from '../../../command-handling/src/decider';
import { conflict, invalid, notFound, Rejection } from '../../../command-handling/src/rejections';
import { MEETING_RULES } from './rule-names';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelRegistry } from './panel-registry';
import { ukDay, ukDayOf } from './calendar';
import { optionalText, requireId, requireInstant, requireNotInFuture, requireOneOf, requireText } from './input-checks';
import { ATTENDANCE_STATUSES, type AgencyAttendance } from './vocabulary/common';
import type { AgencyRequest, MeetingEvent } from './events/meeting-events';
import type {
  CancelMeeting,
  ListCaseOnMeeting,
  MeetingCommand,
  RecordMeetingHeld,
  ScheduleMeeting,
} from './commands/meeting-commands';

export type MeetingPhase = 'scheduled' | 'held' | 'cancelled';

export interface ListedCase {
  readonly caseId: string;
  readonly agencyRequests: readonly AgencyRequest[];
  readonly listedAt: string;
  readonly discussed: boolean;
}

export interface MeetingRecord {
  readonly exists: true;
  readonly meetingId: string;
  readonly panelCode: string;
  readonly scheduledFor: string;
  /** When it was scheduled (the scheduling's `occurredAt`): nothing can call it off before that day. */
  readonly scheduledAt: string;
  readonly chair: string;
  readonly location: string | null;
  readonly phase: MeetingPhase;
  /** In listing order (the agenda). */
  readonly agenda: readonly ListedCase[];
  readonly attendance: readonly AgencyAttendance[];
  readonly heldAt: string | null;
  /** Why and when it was called off; null unless cancelled. */
  readonly cancellation: { readonly reason: string; readonly at: string } | null;
}

export type MeetingState = { readonly exists: false } | MeetingRecord;

export const initialMeetingState = (): MeetingState => ({ exists: false });

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (!state.exists) {
    if (event.type !== 'meeting-scheduled') return state;
    return {
      exists: true,
      meetingId: event.data.meetingId,
      panelCode: event.data.panelCode,
      scheduledFor: event.data.scheduledFor,
      scheduledAt: event.data.occurredAt,
      chair: event.data.chair,
      location: event.data.location ?? null,
      phase: 'scheduled',
      agenda: [],
      attendance: [],
      heldAt: null,
      cancellation: null,
    };
  }
  switch (event.type) {
    case 'meeting-scheduled':
      return state;
    case 'meeting-case-listed':
      return {
        ...state,
        agenda: [
          ...state.agenda,
          {
            caseId: event.data.caseId,
            agencyRequests: event.data.agencyRequests,
            listedAt: event.data.occurredAt,
            discussed: false,
          },
        ],
      };
    case 'meeting-held': {
      const discussed = new Set(event.data.casesDiscussed);
      return {
        ...state,
        phase: 'held',
        heldAt: event.data.occurredAt,
        attendance: event.data.attendance,
        agenda: state.agenda.map((listed) => ({ ...listed, discussed: discussed.has(listed.caseId) })),
      };
    }
    case 'meeting-cancelled':
      return { ...state, phase: 'cancelled', cancellation: { reason: event.data.reason, at: event.data.occurredAt } };
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

function existingMeeting(state: MeetingState, meetingId: string): MeetingRecord {
  if (!state.exists) throw notFound(MEETING_RULES.meetingExists, `meeting ${meetingId} has not been scheduled`);
  if (state.meetingId !== meetingId) {
    throw invalid(
      'meetingId',
      'meeting-id-matches-stream',
      `command for meeting ${meetingId} sent to ${state.meetingId}`,
    );
  }
  return state;
}

function scheduledMeeting(state: MeetingState, meetingId: string): MeetingRecord {
  const meeting = existingMeeting(state, meetingId);
  if (meeting.phase !== 'scheduled') {
    throw conflict(MEETING_RULES.meetingStillToSit, `meeting ${meetingId} has been ${meeting.phase}`);
  }
  return meeting;
}

function checkedAttendance(attendance: readonly AgencyAttendance[]): AgencyAttendance[] {
  const seen = new Set<string>();
  return attendance.map((entry, index) => {
    const agency = requireText(entry.agency, `attendance[${index}].agency`);
    if (seen.has(agency)) throw invalid(`attendance[${index}].agency`, 'agency-once', `${agency} appears twice`);
    seen.add(agency);
    return { agency, status: requireOneOf(ATTENDANCE_STATUSES, entry.status, `attendance[${index}].status`) };
  });
}

function scheduleMeeting(registry: PanelRegistry, command: ScheduleMeeting, state: MeetingState): MeetingEvent[] {
  const { data } = command;
  if (state.exists)
    throw conflict(MEETING_RULES.meetingScheduledOnce, `meeting ${state.meetingId} is already scheduled`);
  requireId(data.meetingId, 'meetingId');
  const panel = findPanel(registry, data.panelCode);
  if (panel === undefined) {
    throw invalid('panelCode', MEETING_RULES.panelRegistered, `no panel ${data.panelCode} in the panel registry`);
  }
  const location = optionalText(data.location);
  return [
    {
      type: 'meeting-scheduled',
      data: {
        meetingId: data.meetingId,
        panelCode: panel.code,
        scheduledFor: requireInstant(data.scheduledFor, 'scheduledFor'),
        chair: requireText(data.chair, 'chair'),
        ...(location === undefined ? {} : { location }),
        occurredAt: requireInstant(data.occurredAt, 'occurredAt'),
      },
    },
  ];
}

function listCaseOnMeeting(command: ListCaseOnMeeting, state: MeetingState): MeetingEvent[] {
  const { data } = command;
  const meeting = scheduledMeeting(state, data.meetingId);
  requireId(data.caseId, 'caseId');
  if (meeting.agenda.some((listed) => listed.caseId === data.caseId)) {
    throw conflict(
      MEETING_RULES.listedOncePerMeeting,
      `case ${data.caseId} is already on meeting ${meeting.meetingId}`,
    );
  }
  const agencyRequests = data.agencyRequests.map((request, index) => ({
    agency: requireText(request.agency, `agencyRequests[${index}].agency`),
    toBring: requireText(request.toBring, `agencyRequests[${index}].toBring`),
  }));
  return [
    {
      type: 'meeting-case-listed',
      data: { caseId: data.caseId, agencyRequests, occurredAt: requireInstant(data.occurredAt, 'occurredAt') },
    },
  ];
}

/**
 * Coordinators think of a meeting by its day: one that starts early still sat on its day, and
 * 00:30 BST is already the next day. A sitting before that day is a mistyped date, and the
 * agenda would show it as heldAt.
 */
function requireHeldFromScheduledDay(meeting: MeetingRecord, heldAt: string): void {
  const heldOn = ukDay(heldAt) ?? heldAt;
  const scheduledOn = ukDay(meeting.scheduledFor) ?? meeting.scheduledFor;
  if (heldOn >= scheduledOn) return;
  const message = `meeting ${meeting.meetingId} is scheduled for ${scheduledOn}; it cannot have sat on ${heldOn}`;
  throw new Rejection('conflict', MEETING_RULES.heldFromScheduledDay, message, [
    { field: 'occurredAt', rule: MEETING_RULES.heldFromScheduledDay, message },
  ]);
}

/**
 * A meeting typed in after it was arranged may be dated when it was arranged, so that its call-off
 * can be dated from then; it is never dated ahead of its recording, as a sitting or a call-off is
 * not, give or take a few minutes of clock skew.
 */
export function requireScheduledBy(occurredAt: string, recordedAt: string): void {
  requireNotInFuture(
    requireInstant(occurredAt, 'occurredAt'),
    recordedAt,
    'occurredAt',
    MEETING_RULES.scheduledNotInFuture,
    `occurredAt ${occurredAt} is later than now (${recordedAt}): record a meeting once it has been arranged`,
  );
}

/**
 * A meeting is recorded held after it sat, so its time cannot be later than the recording
 * (`recordedAt`, the server clock), give or take a few minutes of clock skew.
 */
export function requireHeldBy(occurredAt: string, recordedAt: string): void {
  requireNotInFuture(
    requireInstant(occurredAt, 'occurredAt'),
    recordedAt,
    'occurredAt',
    MEETING_RULES.heldNotInFuture,
    `occurredAt ${occurredAt} is later than now (${recordedAt}): record a meeting held once it has sat`,
  );
}

function recordMeetingHeld(command: RecordMeetingHeld, state: MeetingState): MeetingEvent[] {
  const { data } = command;
  const meeting = existingMeeting(state, data.meetingId);
  if (meeting.phase === 'held')
    throw conflict(MEETING_RULES.heldOnce, `meeting ${meeting.meetingId} is already recorded as held`);
  if (meeting.phase === 'cancelled') {
    throw conflict(MEETING_RULES.meetingStillToSit, `meeting ${meeting.meetingId} was cancelled`);
  }
  const heldAt = requireInstant(data.occurredAt, 'occurredAt');
  requireHeldFromScheduledDay(meeting, heldAt);
  const satOn = ukDayOf(heldAt);
  const later = (data.workThere ?? []).find((work) => ukDayOf(work.occurredAt) > satOn);
  if (later !== undefined) {
    const message =
      `case ${later.caseId} recorded work at meeting ${meeting.meetingId} on ${ukDayOf(later.occurredAt)} (UK): ` +
      `the meeting cannot have sat on ${satOn}, before it`;
    throw new Rejection('conflict', MEETING_RULES.heldNotBeforeWorkThere, message, [
      { field: 'occurredAt', rule: MEETING_RULES.heldNotBeforeWorkThere, message },
    ]);
  }
  const listed = new Set(meeting.agenda.map((entry) => entry.caseId));
  const unlisted = data.casesDiscussed.filter((caseId) => !listed.has(caseId));
  if (unlisted.length > 0) {
    throw conflict(MEETING_RULES.discussedWhenListed, `cases not on the agenda: ${unlisted.join(', ')}`);
  }
  return [
    {
      type: 'meeting-held',
      data: {
        attendance: checkedAttendance(data.attendance),
        casesDiscussed: [...new Set(data.casesDiscussed)],
        occurredAt: heldAt,
      },
    },
  ];
}

/**
 * A call-off is recorded once it has been made, as a sitting is once it sat: the live tracker
 * drops a cancelled meeting from `nextMeeting` as soon as it is recorded, while `?asOf=` places it
 * at its `occurredAt`, so one dated ahead made the two disagree until that day, and the agenda
 * showed a cancellation not yet made. The meeting's `scheduledFor` may still lie ahead.
 */
export function requireCancelledBy(occurredAt: string, recordedAt: string): void {
  requireNotInFuture(
    requireInstant(occurredAt, 'occurredAt'),
    recordedAt,
    'occurredAt',
    MEETING_RULES.cancelledNotInFuture,
    `occurredAt ${occurredAt} is later than now (${recordedAt}): record a call-off once it has been made`,
  );
}

/**
 * Nobody calls off a meeting before it was arranged: `?asOf=` a day between the two would show it
 * cancelled before it existed. Bounded by the UK day it was scheduled *on*, not the day it was to
 * sit: meetings are called off ahead of time.
 */
function requireCancelledFromScheduling(meeting: MeetingRecord, cancelledAt: string): void {
  const cancelledOn = ukDayOf(cancelledAt);
  const scheduledOn = ukDayOf(meeting.scheduledAt);
  if (cancelledOn >= scheduledOn) return;
  throw invalid(
    'occurredAt',
    MEETING_RULES.cancelledFromScheduling,
    `meeting ${meeting.meetingId} was scheduled on ${scheduledOn} (UK): it cannot have been called off on ${cancelledOn}`,
  );
}

function cancelMeeting(command: CancelMeeting, state: MeetingState): MeetingEvent[] {
  const { data } = command;
  const meeting = scheduledMeeting(state, data.meetingId);
  const [work] = data.workThere ?? [];
  if (work !== undefined) {
    throw conflict(
      MEETING_RULES.cancelledBeforeWorkThere,
      `case ${work.caseId} was discussed, or an action agreed for it, at meeting ${data.meetingId}: the meeting sat; record it held instead`,
    );
  }
  const cancelledAt = requireInstant(data.occurredAt, 'occurredAt');
  requireCancelledFromScheduling(meeting, cancelledAt);
  return [{ type: 'meeting-cancelled', data: { reason: requireText(data.reason, 'reason'), occurredAt: cancelledAt } }];
}

export type MeetingDecider = Decider<MeetingState, MeetingCommand, MeetingEvent>;

export function createMeetingDecider(registry: PanelRegistry): MeetingDecider {
  return {
    initialState: initialMeetingState,
    evolve: evolveMeeting,
    decide: (command, state) => {
      switch (command.type) {
        case 'schedule-meeting':
          return scheduleMeeting(registry, command, state);
        case 'list-case-on-meeting':
          return listCaseOnMeeting(command, state);
        case 'record-meeting-held':
          return recordMeetingHeld(command, state);
        case 'cancel-meeting':
          return cancelMeeting(command, state);
        default: {
          const unexpected: never = command;
          throw new Error(`unknown meeting command ${JSON.stringify(unexpected)}`);
        }
      }
    },
  };
}

export const meetingDecider: MeetingDecider = createMeetingDecider(DEFAULT_PANEL_REGISTRY);
