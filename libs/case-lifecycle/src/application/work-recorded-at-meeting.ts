import { Rejection } from '../../../command-handling/src/rejections';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { entryOf } from '../domain/case-state';
import type { WorkRecordedThere } from '../domain/commands/meeting-commands';
import type { MeetingRecord } from '../domain/meeting.decider';
import { loadCase } from './case-command';

/**
 * The discussions and actions agreed that the agenda's cases recorded at `meeting`, each dated.
 * They live on the cases' streams, so a sitting recorded or a cancellation after them is judged on
 * what this read finds: one recorded on a case at the same moment is not seen (a narrow race, as
 * for a listing), and the case's own rules judge the other order.
 */
export async function workRecordedAtMeeting(store: EventStore, meeting: MeetingRecord): Promise<WorkRecordedThere[]> {
  const work: WorkRecordedThere[] = [];
  for (const { caseId } of meeting.agenda) {
    const current = await loadCase(store, caseId).catch((error: unknown) => {
      if (error instanceof Rejection && error.kind === 'not-found') return undefined;
      throw error;
    });
    if (current === undefined) continue;
    const discussedAt = entryOf(current.listings, meeting.meetingId)?.discussedAt;
    if (discussedAt !== undefined && discussedAt !== null) work.push({ caseId, occurredAt: discussedAt });
    for (const action of Object.values(current.actions)) {
      if (action.meetingId === meeting.meetingId) work.push({ caseId, occurredAt: action.agreedAt });
    }
  }
  return work;
}
