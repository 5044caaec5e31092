/** Hand-written case and meeting histories for the review-date specs. All data is synthetic. */
import { coordinatorContext } from '../../../../command-handling/src/testing/coordinator-context';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import type { CaseEvent, MeetingEvent } from '../../domain';

async function append(store: EventStore, stream: string, event: CaseEvent | MeetingEvent): Promise<void> {
  await store.append(stream, toEventsToAppend([event], coordinatorContext(event.data.occurredAt)), {
    expected: 'any',
  });
}

/** An Alliance referral (the panel's rules need nothing more for the tracker to list it). */
export const referAllianceCase = (store: EventStore, caseId: string, occurredAt: string) =>
  append(store, `case-${caseId}`, {
    type: 'referral-made',
    data: {
      caseId,
      panelCode: 'ALLIANCE',
      personId: `person-of-${caseId}`,
      referrer: { name: 'Synthetic Referrer', agency: 'police' },
      reason: 'Synthetic',
      occurredAt,
      details: { kind: 'alliance' },
    },
  } as CaseEvent);

export const listCase = (store: EventStore, caseId: string, meetingId: string, meetingDate: string) =>
  append(store, `case-${caseId}`, {
    type: 'case-listed',
    data: { meetingId, meetingDate, occurredAt: '2024-05-01T09:00:00.000Z' },
  });

export const discussCase = (store: EventStore, caseId: string, meetingId: string, occurredAt: string) =>
  append(store, `case-${caseId}`, {
    type: 'panel-discussed',
    data: { meetingId, attendance: [], summary: 'Synthetic', decisions: [], occurredAt },
  });

export const cancelMeeting = (store: EventStore, meetingId: string, occurredAt: string) =>
  append(store, `meeting-${meetingId}`, { type: 'meeting-cancelled', data: { reason: 'Synthetic', occurredAt } });

export const holdMeeting = (store: EventStore, meetingId: string, occurredAt: string) =>
  append(store, `meeting-${meetingId}`, {
    type: 'meeting-held',
    data: { attendance: [], casesDiscussed: [], occurredAt },
  });
