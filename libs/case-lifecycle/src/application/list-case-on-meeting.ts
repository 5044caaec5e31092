import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand, type HandleResult } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { CaseDecider } from '../domain/case.decider';
import { entryOf, type CaseRecord } from '../domain/case-state';
import type { CaseCommand } from '../domain/commands/case-commands';
import type { MeetingCommand } from '../domain/commands/meeting-commands';
import type { MeetingEvent } from '../domain/events/meeting-events';
import type { MeetingDecider, MeetingRecord, MeetingState } from '../domain/meeting.decider';
import { caseStream, meetingStream } from '../domain/stream-names';

export interface ListingOnMeeting {
  readonly meeting: MeetingRecord;
  /** The meeting's revision when it was read; If-Match is checked against it before anything is written. */
  readonly meetingRevision: bigint;
  readonly current: CaseRecord;
  readonly listCase: Extract<CaseCommand, { type: 'list-case' }>;
  readonly listOnMeeting: Extract<MeetingCommand, { type: 'list-case-on-meeting' }>;
  /** The client's If-Match on the meeting. */
  readonly expectedRevision: bigint | undefined;
}

/**
 * A listing is two appends, the case's and the meeting's, and no store writes two streams at once.
 * Both streams' rules are asked before either is written. The case records it first, decided
 * again on its latest state, so a closure or decline that lands in between refuses the listing
 * with nothing written (the meeting first used to keep it on an agenda the case had refused). A
 * request that stopped between the two writes (a crash, a store timeout, a meeting that moved on
 * under If-Match) leaves the case listed and the agenda without it: sending it again completes the
 * agenda instead of being refused as listed twice. Only a meeting held or cancelled between the
 * two writes leaves the case's listing with no agenda entry for good, as a listing before it would be.
 */
export async function listCaseOnMeeting(
  store: EventStore,
  deciders: { readonly cases: CaseDecider; readonly meetings: MeetingDecider },
  listing: ListingOnMeeting,
  context: CommandContext,
): Promise<HandleResult<MeetingState, MeetingEvent>> {
  const { meeting, meetingRevision, current, listCase, listOnMeeting, expectedRevision } = listing;
  if (expectedRevision !== undefined && expectedRevision !== meetingRevision) {
    throw new WrongExpectedRevisionError(meetingStream(meeting.meetingId), expectedRevision, meetingRevision);
  }
  const caseHoldsIt = entryOf(current.listings, meeting.meetingId) !== undefined;
  if (!caseHoldsIt) deciders.cases.decide(listCase, current);
  deciders.meetings.decide(listOnMeeting, meeting);
  if (!caseHoldsIt) await handleCommand(store, caseStream(current.caseId), deciders.cases, listCase, context);
  return handleCommand(store, meetingStream(meeting.meetingId), deciders.meetings, listOnMeeting, context, {
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  });
}
