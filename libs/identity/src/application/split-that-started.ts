import type { EventStore } from '../../../event-store/src/port/event-store';
import { identityStream, type PersonSplit, type RecordsAndCases } from '../domain/person-links';

/** What a split moved, and where the log recorded it (none for a person no split started). */
export interface MovedBySplit extends RecordsAndCases {
  readonly position?: number;
}

const NOTHING: MovedBySplit = { recordIds: [], caseIds: [] };

/**
 * What the split that started `personId` moved to them: the `person-split` into them (not an unmerge)
 * on the identity stream of the person it split, as the log recorded it. The index keeps only where
 * records and cases are now, which later links, referrals and splits change. Nothing for a person
 * no split started.
 */
export async function movedBySplitThatStarted(
  store: EventStore,
  personId: string,
  splitFrom: string | undefined,
): Promise<MovedBySplit> {
  if (splitFrom === undefined) return NOTHING;
  const started = (await store.readStream(identityStream(splitFrom))).find(
    (event) =>
      event.type === 'person-split' &&
      (event.data as PersonSplit['data']).intoPersonId === personId &&
      (event.data as PersonSplit['data']).restored === false,
  );
  if (started === undefined) return NOTHING;
  const { recordIds, caseIds } = started.data as PersonSplit['data'];
  return { recordIds, caseIds, position: Number(started.position) };
}
