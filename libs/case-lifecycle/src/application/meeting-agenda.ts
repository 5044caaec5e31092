import { evolveAll } from '../../../command-handling/src/decider';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import {
  caseDecider,
  caseStream,
  type AgencyRequest,
  type CaseEvent,
  type ListedCase,
  type MeetingRecord,
} from '../domain';
import { agendaCaseColumns, type AgendaCaseColumns } from './agenda-case-columns';

/** A listed case as the chair reads it: who it is about and how it stands, what to bring, whether discussed. */
export type AgendaItem = { readonly caseId: string } & Partial<AgendaCaseColumns> & {
    readonly agencyRequests: readonly AgencyRequest[];
    readonly discussed: boolean;
  };

/**
 * The meeting's agenda in listing order, each case with the tracker's columns beside it. A
 * coordinator opening a meeting wants to know whom it discusses, so the meeting and its agenda
 * route both answer with these items.
 */
export async function agendaItems(
  store: EventStore,
  readModels: ReadModelDatabase,
  people: PersonIndexQuery,
  meeting: Pick<MeetingRecord, 'meetingId' | 'panelCode' | 'agenda'>,
): Promise<AgendaItem[]> {
  const listed = await agendaAsDiscussed(store, meeting);
  const columns = agendaCaseColumns(
    readModels,
    people,
    meeting.panelCode,
    listed.map((item) => item.caseId),
  );
  return listed.map(({ caseId, agencyRequests, discussed }) => ({
    caseId,
    ...columns.get(caseId),
    agencyRequests,
    discussed,
  }));
}

/**
 * The agenda with `discussed` as the panel knows it: a case counts as discussed when the meeting
 * was recorded as held with it among `casesDiscussed`, or when the case recorded its own
 * discussion at this meeting (`panel-discussed` with this meetingId). Coordinators often record
 * the discussion case by case and never post `held`, so the meeting stream alone is not enough.
 *
 * The case side is read from each listed case's own stream, not from a read model: the panel
 * cohort's memo holds each case's listings, but it is the projector's private working state (no
 * query reads it), and it follows the log with a lag, so a discussion just recorded would still
 * show as not discussed. An agenda has tens of cases, each stream tens of events; cases the
 * meeting already records as discussed are not read at all.
 */
export async function agendaAsDiscussed(
  store: EventStore,
  meeting: Pick<MeetingRecord, 'meetingId' | 'agenda'>,
): Promise<ListedCase[]> {
  return Promise.all(
    meeting.agenda.map(async (listed) => ({
      ...listed,
      discussed: listed.discussed || (await caseRecordsDiscussion(store, listed.caseId, meeting.meetingId)),
    })),
  );
}

async function caseRecordsDiscussion(store: EventStore, caseId: string, meetingId: string): Promise<boolean> {
  const events = (await store.readStream(caseStream(caseId))) as unknown as CaseEvent[];
  const state = evolveAll(caseDecider, events);
  return state.exists && (state.listings[meetingId]?.discussedAt ?? null) !== null;
}
