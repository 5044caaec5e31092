/** Events of a `meeting-<id>` stream: one sitting of a panel and its agenda. */
import type { DomainEvent } from '../../../../command-handling/src/decider';
import type { AgencyAttendance } from '../vocabulary/common';

/** What one agency is asked to research and bring to the meeting for a case. */
export interface AgencyRequest {
  readonly agency: string;
  readonly toBring: string;
}

export type MeetingScheduled = DomainEvent<
  'meeting-scheduled',
  {
    readonly meetingId: string;
    readonly panelCode: string;
    /** When the meeting is to sit (ISO date-time). */
    readonly scheduledFor: string;
    /** Who chairs this sitting. */
    readonly chair: string;
    readonly location?: string;
    readonly occurredAt: string;
  }
>;

/** A case put on the agenda (the case stream records `case-listed`). */
export type MeetingCaseListed = DomainEvent<
  'meeting-case-listed',
  { readonly caseId: string; readonly agencyRequests: readonly AgencyRequest[]; readonly occurredAt: string }
>;

export type MeetingHeld = DomainEvent<
  'meeting-held',
  {
    readonly attendance: readonly AgencyAttendance[];
    /** Listed cases the meeting reached; the rest carry over. */
    readonly casesDiscussed: readonly string[];
    readonly occurredAt: string;
  }
>;

export type MeetingCancelled = DomainEvent<
  'meeting-cancelled',
  { readonly reason: string; readonly occurredAt: string }
>;

export type MeetingEvent = MeetingScheduled | MeetingCaseListed | MeetingHeld | MeetingCancelled;
export type MeetingEventType = MeetingEvent['type'];
