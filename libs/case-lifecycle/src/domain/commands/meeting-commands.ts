/** Commands on a `meeting-<id>` stream. */
import type { AgencyAttendance } from '../vocabulary/common';
import type { AgencyRequest } from '../events/meeting-events';
import type { Command } from './command';

interface OnMeeting {
  readonly meetingId: string;
  readonly occurredAt: string;
}

/**
 * A discussion or an action agreed that a case on the agenda recorded at this meeting, with its
 * date: the case's stream holds it, so the route reads it there for the meeting to judge.
 */
export interface WorkRecordedThere {
  readonly caseId: string;
  readonly occurredAt: string;
}

export type ScheduleMeeting = Command<
  'schedule-meeting',
  OnMeeting & {
    readonly panelCode: string;
    readonly scheduledFor: string;
    readonly chair: string;
    readonly location?: string;
  }
>;

export type ListCaseOnMeeting = Command<
  'list-case-on-meeting',
  OnMeeting & { readonly caseId: string; readonly agencyRequests: readonly AgencyRequest[] }
>;

export type RecordMeetingHeld = Command<
  'record-meeting-held',
  OnMeeting & {
    readonly attendance: readonly AgencyAttendance[];
    readonly casesDiscussed: readonly string[];
    readonly workThere?: readonly WorkRecordedThere[];
  }
>;

export type CancelMeeting = Command<
  'cancel-meeting',
  OnMeeting & { readonly reason: string; readonly workThere?: readonly WorkRecordedThere[] }
>;

export type MeetingCommand = ScheduleMeeting | ListCaseOnMeeting | RecordMeetingHeld | CancelMeeting;
export type MeetingCommandType = MeetingCommand['type'];
