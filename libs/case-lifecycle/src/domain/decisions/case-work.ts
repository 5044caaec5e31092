/**
 * The common work on an open case, the same on every panel: listing and discussion, actions,
 * interventions, assessments, status and closure.
 */
import { conflict, invalid, notFound, Rejection, ruleRefused } from '../../../../command-handling/src/rejections';
import { ukDayOf } from '../calendar';
import { referralDayProblem } from '../referral-day';
import { CASE_RULES } from '../rule-names';
import type { PanelRegistry } from '../panel-registry';
import {
  optionalText,
  requireDate,
  requireDateOrInstant,
  requireId,
  requireInstant,
  requireOneOf,
  requireText,
} from '../input-checks';
import { ATTENDANCE_STATUSES, ENGAGEMENT_LEVELS, RAG_RATINGS, type AgencyAttendance } from '../vocabulary/common';
import { IOM_PATHWAYS } from '../vocabulary/iom';
import { INTERVENTION_KINDS } from '../vocabulary/common';
import {
  entryOf,
  sameInstant,
  statusSpellAt,
  type CaseRecord,
  type CaseState,
  type InterventionStatus,
  type ListingState,
} from '../case-state';
import type { ActionAgreed, CaseEvent } from '../events/case-events';
import type {
  ActionInput,
  AgreeAction,
  ArrangeIntervention,
  ChangeCaseStatus,
  CloseCase,
  CompleteAction,
  CompleteIntervention,
  DeclineIntervention,
  ListCase,
  MeetingStanding,
  RateRisk,
  RecordEngagement,
  RecordPanelDiscussion,
  StartIntervention,
} from '../commands/case-commands';
import { existingCase, openCase, panelOfCase } from './case-guards';
import { requireCompletedFromAgreedDay, requireEndedAfterLastStep, requireInterventionStepInOrder } from './step-dates';

/**
 * A case cannot be decided or closed before it was referred, nor closed before it was accepted:
 * the reports would count it in a cohort, or leaving one, in months before anyone had heard of it.
 * Compared by UK day, as the reports and the whereabouts rules place facts.
 */
/** Refuses an `occurredAt` (a checked instant) on a UK day before the case's referral. */
function requireFromReferral(record: CaseRecord, occurredAt: string, rule: string): void {
  const words = { referred: `case ${record.caseId}`, recordable: 'it' };
  const [problem] = referralDayProblem(occurredAt, record.referredAt, rule, words);
  // Said without the field's name: routes dating the step themselves (a listing) drop the field.
  if (problem !== undefined) throw invalid('occurredAt', rule, problem.message);
}

/**
 * `occurredAt` checked as an instant from the referral's UK day on. A status, rating or level
 * dated before the case existed would also stand in `?asOf=` for the days after the referral (the
 * referral form's status sorts first, however early the entry): a view nobody on the panel held.
 */
export function datedFromReferral(record: CaseRecord, occurredAt: string, rule: string): string {
  const at = requireInstant(occurredAt, 'occurredAt');
  requireFromReferral(record, at, rule);
  return at;
}

export function listCase(command: ListCase, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  requireId(data.meetingId, 'meetingId');
  if (data.meetingPanelCode !== record.panelCode) {
    throw conflict(
      CASE_RULES.listedOnOwnPanel,
      `case ${record.caseId} is a ${record.panelCode} case; meeting ${data.meetingId} is a ${data.meetingPanelCode} meeting`,
    );
  }
  if (entryOf(record.listings, data.meetingId) !== undefined) {
    throw conflict(
      CASE_RULES.listedOncePerMeeting,
      `case ${record.caseId} is already listed on meeting ${data.meetingId}`,
    );
  }
  return [
    {
      type: 'case-listed',
      data: {
        meetingId: data.meetingId,
        meetingDate: requireDateOrInstant(data.meetingDate, 'meetingDate'),
        occurredAt: datedFromReferral(record, data.occurredAt, CASE_RULES.listingFromReferral),
      },
    },
  ];
}

function checkedAttendance(attendance: readonly AgencyAttendance[]): AgencyAttendance[] {
  const agencies = new Set<string>();
  return attendance.map((entry, index) => {
    const agency = requireText(entry.agency, `attendance[${index}].agency`);
    if (agencies.has(agency)) {
      throw invalid(`attendance[${index}].agency`, 'agency-once', `${agency} appears twice in the attendance`);
    }
    agencies.add(agency);
    return { agency, status: requireOneOf(ATTENDANCE_STATUSES, entry.status, `attendance[${index}].status`) };
  });
}

function actionAgreed(
  record: CaseRecord,
  input: ActionInput,
  meetingId: string | null,
  occurredAt: string,
  field: string,
  earlierInCommand: ReadonlySet<string> = new Set(),
): ActionAgreed {
  requireId(input.actionId, `${field}actionId`);
  if (entryOf(record.actions, input.actionId) !== undefined || earlierInCommand.has(input.actionId)) {
    throw conflict(CASE_RULES.actionIdUnique, `action ${input.actionId} already exists on case ${record.caseId}`);
  }
  const dueBy = requireDate(input.dueBy, `${field}dueBy`);
  // Due before it was agreed would show as overdue from the moment it exists: a mistyped date.
  const agreedOn = ukDayOf(occurredAt);
  if (dueBy < agreedOn) {
    throw invalid(
      `${field}dueBy`,
      CASE_RULES.actionDueFromAgreedDay,
      `${field}dueBy ${dueBy} is before the day the action was agreed (${agreedOn})`,
    );
  }
  return {
    type: 'action-agreed',
    data: {
      actionId: input.actionId,
      description: requireText(input.description, `${field}description`),
      ownerAgency: requireText(input.ownerAgency, `${field}ownerAgency`),
      dueBy,
      meetingId,
      occurredAt,
    },
  };
}

/**
 * A case is discussed when its meeting sits, so not before the UK day the meeting was scheduled
 * for (the listing carries that day): the same rule as recording the meeting held.
 */
function requireDiscussedFromMeetingDay(caseId: string, meetingId: string, meetingDate: string, at: string): void {
  const discussedOn = ukDayOf(at);
  const scheduledOn = ukDayOf(meetingDate);
  if (discussedOn >= scheduledOn) return;
  const message = `meeting ${meetingId} is scheduled for ${scheduledOn}; case ${caseId} cannot have been discussed there on ${discussedOn}`;
  throw new Rejection('conflict', CASE_RULES.discussedFromScheduledDay, message, [
    { field: 'occurredAt', rule: CASE_RULES.discussedFromScheduledDay, message },
  ]);
}

/**
 * A discussion, or an action agreed at a meeting, says the meeting sat and heard the case. A
 * cancelled meeting never did: the agenda would show it cancelled with the case discussed, and
 * counts of cases discussed per meeting would include it.
 */
function requireMeetingNotCancelled(caseId: string, meetingId: string, standing: Partial<MeetingStanding>): void {
  if (standing.meetingPhase !== 'cancelled') return;
  const message = `meeting ${meetingId} was cancelled: case ${caseId} cannot have been discussed, nor an action agreed, there`;
  throw new Rejection('conflict', CASE_RULES.discussedAtMeetingThatSat, message, [
    { field: 'meetingId', rule: CASE_RULES.discussedAtMeetingThatSat, message },
  ]);
}

/**
 * At a meeting recorded held, the discussion falls between the day it was scheduled for and the UK
 * day it sat: a later day would put the decisions at a sitting that had ended, with an attendance
 * the meeting never had. Not exactly the day it sat: a sitting recorded the next morning without
 * its date is dated then, and the discussions must still carry their true day. A meeting still to
 * sit is bounded by its scheduled day only; recording it held later may not contradict them.
 */
function requireOnDayMeetingSat(
  caseId: string,
  listing: ListingState,
  standing: Partial<MeetingStanding>,
  at: string,
): void {
  const heldAt = standing.meetingPhase === 'held' ? standing.meetingHeldAt : undefined;
  if (heldAt === undefined || heldAt === null) {
    requireDiscussedFromMeetingDay(caseId, listing.meetingId, listing.meetingDate, at);
    return;
  }
  requireDiscussedFromMeetingDay(caseId, listing.meetingId, listing.meetingDate, at);
  const discussedOn = ukDayOf(at);
  const satOn = ukDayOf(heldAt);
  if (discussedOn <= satOn) return;
  const message = `meeting ${listing.meetingId} sat on ${satOn} (UK); case ${caseId} cannot have been discussed there on ${discussedOn}, after it sat`;
  throw new Rejection('conflict', CASE_RULES.discussedByDayMeetingSat, message, [
    { field: 'occurredAt', rule: CASE_RULES.discussedByDayMeetingSat, message },
  ]);
}

/**
 * What the panel discussed and decided about the case at a meeting it was listed on, with the
 * action plan agreed there (one append, so the plan never exists without its discussion).
 */
export function recordPanelDiscussion(command: RecordPanelDiscussion, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const listing = entryOf(record.listings, data.meetingId);
  if (listing === undefined) {
    throw conflict(CASE_RULES.discussedWhenListed, `case ${record.caseId} was not listed on meeting ${data.meetingId}`);
  }
  if (listing.discussedAt !== null) {
    throw conflict(
      CASE_RULES.discussedOncePerMeeting,
      `the discussion of case ${record.caseId} at meeting ${data.meetingId} is already recorded`,
    );
  }
  requireMeetingNotCancelled(record.caseId, listing.meetingId, data);
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.discussionFromReferral);
  requireOnDayMeetingSat(record.caseId, listing, data, occurredAt);
  const discussed: CaseEvent = {
    type: 'panel-discussed',
    data: {
      meetingId: data.meetingId,
      attendance: checkedAttendance(data.attendance),
      summary: requireText(data.summary, 'summary'),
      decisions: data.decisions.map((decision, index) => requireText(decision, `decisions[${index}]`)),
      occurredAt,
    },
  };
  const seen = new Set<string>();
  const actions = (data.actions ?? []).map((input, index) => {
    const event = actionAgreed(record, input, data.meetingId, occurredAt, `actions[${index}].`, seen);
    seen.add(input.actionId);
    return event;
  });
  return [discussed, ...actions];
}

export function agreeAction(command: AgreeAction, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const meetingId = data.meetingId === undefined ? null : requireId(data.meetingId, 'meetingId');
  // The case's own listings are the meetings it could have been agreed at: any other id is a
  // meeting that does not exist or never heard this case, and the plan would point nowhere.
  const listing = meetingId === null ? undefined : entryOf(record.listings, meetingId);
  if (meetingId !== null && listing === undefined) {
    throw ruleRefused(
      CASE_RULES.actionMeetingListed,
      `case ${record.caseId} was not listed on meeting ${meetingId}: an action agreed at a meeting names one that heard the case`,
      'meetingId',
    );
  }
  if (listing !== undefined) requireMeetingNotCancelled(record.caseId, listing.meetingId, data);
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.actionFromReferral);
  // Agreed at the meeting, so on the day it sat, as the discussion it came out of.
  if (listing !== undefined) requireOnDayMeetingSat(record.caseId, listing, data, occurredAt);
  return [actionAgreed(record, data, meetingId, occurredAt, '')];
}

export function completeAction(command: CompleteAction, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const action = entryOf(record.actions, data.actionId);
  if (action === undefined)
    throw notFound(CASE_RULES.actionExists, `no action ${data.actionId} on case ${record.caseId}`);
  if (action.completedAt !== null) {
    throw conflict(CASE_RULES.actionCompletedOnce, `action ${data.actionId} was completed at ${action.completedAt}`);
  }
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.actionFromReferral);
  requireCompletedFromAgreedDay(action, occurredAt);
  const note = optionalText(data.note);
  return [
    {
      type: 'action-completed',
      data: {
        actionId: data.actionId,
        occurredAt,
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}

export function arrangeIntervention(command: ArrangeIntervention, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  requireId(data.interventionId, 'interventionId');
  if (entryOf(record.interventions, data.interventionId) !== undefined) {
    throw conflict(CASE_RULES.interventionIdUnique, `intervention ${data.interventionId} already exists`);
  }
  const pathway = optionalText(data.pathway) ?? null;
  const kind = data.kind === undefined ? undefined : requireOneOf(INTERVENTION_KINDS, data.kind, 'kind');
  // On IOM cases an intervention serves one of the seven pathways, so cohort reports can count
  // interventions per criminogenic need; other panels name their pathways freely.
  if (pathway !== null && record.panel.kind === 'iom') requireOneOf(IOM_PATHWAYS, pathway, 'pathway');
  return [
    {
      type: 'intervention-arranged',
      data: {
        interventionId: data.interventionId,
        interventionType: requireText(data.interventionType, 'interventionType'),
        provider: requireText(data.provider, 'provider'),
        pathway,
        ...(kind === undefined ? {} : { kind }),
        occurredAt: datedFromReferral(record, data.occurredAt, CASE_RULES.interventionFromReferral),
      },
    },
  ];
}

/** Interventions move arranged → started → completed; an arranged one may instead be declined. */
const NEXT_INTERVENTION_STATUS: Readonly<Record<InterventionStatus, readonly InterventionStatus[]>> = {
  arranged: ['started', 'declined'],
  started: ['completed'],
  completed: [],
  declined: [],
};

/** The step's checked `occurredAt`, once the intervention may make it then. */
function interventionMoving(
  state: CaseState,
  data: { readonly caseId: string; readonly interventionId: string; readonly occurredAt: string },
  to: InterventionStatus,
): string {
  const { caseId, interventionId } = data;
  const record = openCase(state, caseId);
  const intervention = entryOf(record.interventions, interventionId);
  if (intervention === undefined) {
    throw notFound(CASE_RULES.interventionExists, `no intervention ${interventionId} on case ${caseId}`);
  }
  if (!NEXT_INTERVENTION_STATUS[intervention.status].includes(to)) {
    throw conflict(
      CASE_RULES.interventionTransition,
      `intervention ${interventionId} is ${intervention.status}; it cannot become ${to}`,
    );
  }
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.interventionFromReferral);
  requireInterventionStepInOrder(intervention, to, occurredAt);
  return occurredAt;
}

export function startIntervention(command: StartIntervention, state: CaseState): CaseEvent[] {
  const { data } = command;
  const occurredAt = interventionMoving(state, data, 'started');
  return [
    {
      type: 'intervention-started',
      data: { interventionId: data.interventionId, occurredAt },
    },
  ];
}

export function completeIntervention(command: CompleteIntervention, state: CaseState): CaseEvent[] {
  const { data } = command;
  const occurredAt = interventionMoving(state, data, 'completed');
  const note = optionalText(data.note);
  return [
    {
      type: 'intervention-completed',
      data: {
        interventionId: data.interventionId,
        occurredAt,
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}

export function declineIntervention(command: DeclineIntervention, state: CaseState): CaseEvent[] {
  const { data } = command;
  const occurredAt = interventionMoving(state, data, 'declined');
  const reason = optionalText(data.reason);
  return [
    {
      type: 'intervention-declined',
      data: {
        interventionId: data.interventionId,
        occurredAt,
        ...(reason === undefined ? {} : { reason }),
      },
    },
  ];
}

/** Each assessment is recorded, even when the level is unchanged: a review is itself a fact. */
export function recordEngagement(command: RecordEngagement, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const level = requireOneOf(ENGAGEMENT_LEVELS, data.level, 'level');
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.engagementFromReferral);
  const note = optionalText(data.note);
  return [
    {
      type: 'engagement-recorded',
      data: {
        level,
        occurredAt,
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}

export function rateRisk(command: RateRisk, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const rating = requireOneOf(RAG_RATINGS, data.rating, 'rating');
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.riskRatingFromReferral);
  const rationale = optionalText(data.rationale);
  return [
    {
      type: 'risk-rated',
      data: {
        rating,
        occurredAt,
        ...(rationale === undefined ? {} : { rationale }),
      },
    },
  ];
}

/**
 * A status from the panel's registry list. Each review is recorded, the same status again
 * included: a panel that finds nothing changed says so on its day, and a review dated between it
 * and the last change, typed up later, must not become the case's current status. Only a retry
 * records nothing: the status in force at `occurredAt`, sent with that spell's own `occurredAt`.
 * One dated before the current status is recorded as history, naming the status in force then
 * (which may be the same), and the current status stays the latest by `occurredAt`.
 */
export function changeCaseStatus(registry: PanelRegistry, command: ChangeCaseStatus, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const panel = panelOfCase(registry, record);
  const known = panel.currentStatuses.map((status) => status.code);
  if (!known.includes(data.status)) {
    throw invalid('status', CASE_RULES.panelCurrentStatus, `${panel.code} statuses are ${known.join(', ')}`);
  }
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.statusFromReferral);
  const inForce = statusSpellAt(record, occurredAt);
  const sent = inForce?.occurredAt;
  if (inForce?.status === data.status && sent !== undefined && sameInstant(sent, occurredAt)) return [];
  const previousStatus = inForce?.status ?? null;
  return [{ type: 'case-status-changed', data: { status: data.status, previousStatus, occurredAt } }];
}

/**
 * Closure with one of the panel's exit statuses. Closing a closed case is a conflict (409), not
 * a silent success: the second closure may carry a different exit status, and the first one
 * stands.
 */
export function closeCase(registry: PanelRegistry, command: CloseCase, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = existingCase(state, data.caseId);
  if (record.phase === 'closed') throw conflict(CASE_RULES.caseOpen, `case ${record.caseId} is already closed`);
  if (record.phase === 'declined')
    throw conflict(CASE_RULES.caseOpen, `the referral of case ${record.caseId} was declined`);
  if (record.phase === 'referred') {
    throw conflict(CASE_RULES.acceptedBeforeClosure, `case ${record.caseId} is a pending referral: decide it instead`);
  }
  const panel = panelOfCase(registry, record);
  const exit = panel.exitStatuses.find((status) => status.code === data.exitStatus);
  if (exit === undefined) {
    const known = panel.exitStatuses.map((status) => status.code).join(', ');
    throw invalid('exitStatus', CASE_RULES.panelExitStatus, `${panel.code} exit statuses are ${known}`);
  }
  const open = Object.values(record.actions).filter((action) => action.completedAt === null);
  if (exit.planDone === true && open.length > 0) {
    const ids = open.map((action) => action.actionId);
    throw new Rejection(
      'conflict',
      CASE_RULES.actionPlanDone,
      `exit status ${exit.code} says the action plan is done, but actions ${ids.join(', ')} are still open: complete them first`,
      ids.map((id) => ({
        field: 'exitStatus',
        rule: CASE_RULES.actionPlanDone,
        message: `action ${id} is still open`,
      })),
    );
  }
  const exitDetail = optionalText(data.exitDetail);
  if (exit.requiresDetail && exitDetail === undefined) {
    throw invalid('exitDetail', CASE_RULES.exitDetailRequired, `exit status ${exit.code} needs an explanation`);
  }
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.closureFromReferral);
  // An undated decision (and every one recorded before `dated` was kept) says only when it was
  // recorded, perhaps long after the panel decided: only the referral bounds the closure then.
  const decidedAt = record.datedDecisionAt;
  if (decidedAt !== undefined && ukDayOf(occurredAt) < ukDayOf(decidedAt)) {
    throw invalid(
      'occurredAt',
      CASE_RULES.closureAfterDecision,
      `occurredAt is ${ukDayOf(occurredAt)} (UK), before case ${record.caseId} was accepted on ${ukDayOf(decidedAt)}`,
    );
  }
  requireEndedAfterLastStep(record, occurredAt, CASE_RULES.closureAfterLastStep, 'closed');
  return [
    {
      type: 'case-closed',
      data: {
        exitStatus: exit.code,
        ...(exitDetail === undefined ? {} : { exitDetail }),
        occurredAt,
      },
    },
  ];
}
