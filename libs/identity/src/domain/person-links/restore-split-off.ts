import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import { conflict, invalid } from '../../../../command-handling/src/rejections';
import { conflictingIdentifierKinds } from './identifier-conflict';
import type { PersonSplit } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { requireReason } from './reason';
import type { RecordsAndCases, SplitOffPerson } from './split-facts';

export interface RestoreSplitOffData {
  /** The person the split-off person was split off, as they are now. */
  readonly personId: string;
  readonly splitOff: SplitOffPerson;
  /** What the split that started the split-off person moved to them, as the log recorded it. */
  readonly moved: RecordsAndCases;
  /** The identifiers on every record each holds now: the person's first, the split-off person's second. */
  readonly identifiers: readonly [readonly PersonIdentifiers[], readonly PersonIdentifiers[]];
  /** The revision of the split-off person's stream the index had folded when `splitOff` was read. */
  readonly factsAtRevision: number;
  readonly reason: string;
  readonly occurredAt: string;
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  new Set(a).size === new Set(b).size && a.every((id) => b.includes(id));

/**
 * The split-off person holds exactly what the split gave them: no record linked, no case referred,
 * nobody merged in, nothing split off since. Anything else would go with them onto someone it
 * was never part of.
 */
const holdsOnlyWhatTheSplitMoved = (splitOff: SplitOffPerson, moved: RecordsAndCases): boolean =>
  moved.recordIds.length > 0 &&
  splitOff.mergedPersonIds.length === 0 &&
  sameIds(splitOff.recordIds, moved.recordIds) &&
  sameIds(splitOff.caseIds, moved.caseIds);

/** Perpetrator records alone and no case: what a perpetrator split-off could always be restored with. */
const onlyPerpetratorRecords = ({ recordIds, caseIds, perpetratorRecordIds = [] }: SplitOffPerson): boolean =>
  recordIds.length > 0 && caseIds.length === 0 && recordIds.every((id) => perpetratorRecordIds.includes(id));

/**
 * Undoes a split: what it moved goes back onto the person it was split off (as they are now),
 * recorded as a `person-split` from the split-off person back (`restored: false`), which every
 * fold of splits reads as any move. Only while the split-off person holds exactly what the split
 * moved (or, as before, perpetrator records alone), and never onto someone holding another valid
 * value of an identifier kind they hold.
 */
export function restoredOnto(data: RestoreSplitOffData): PersonSplit {
  const { personId, splitOff, moved } = data;
  const reason = requireReason(data.reason);
  if (splitOff.splitFrom !== personId) {
    throw invalid(
      'restore',
      IDENTITY_RULES.restoreMergedPerson,
      `${splitOff.personId} was neither merged into this person nor split off them, so it cannot be restored`,
    );
  }
  const whole = holdsOnlyWhatTheSplitMoved(splitOff, moved);
  if (!whole && !onlyPerpetratorRecords(splitOff)) throw holdsMore(splitOff, moved);
  const kinds = conflictingIdentifierKinds(...data.identifiers);
  if (kinds.length > 0) {
    throw conflict(
      IDENTITY_RULES.identifierConflict,
      `this person and ${splitOff.personId} hold different ${kinds.join(', ')} values, so they are two people: split off the record that brought the other value first`,
    );
  }
  return {
    type: 'person-split',
    data: {
      personId: splitOff.personId,
      intoPersonId: personId,
      restored: false,
      recordIds: whole ? [...moved.recordIds] : [...splitOff.recordIds],
      caseIds: whole ? [...moved.caseIds] : [],
      reason,
      occurredAt: data.occurredAt,
    },
  };
}

/**
 * A split that moved no case moved perpetrator records alone (no other record may start a person
 * without one): its refusal keeps the name it always had. Any other split names what it moved.
 */
function holdsMore(splitOff: SplitOffPerson, moved: RecordsAndCases) {
  if (moved.caseIds.length === 0)
    return invalid(
      'restore',
      IDENTITY_RULES.restoreSplitOff,
      `${splitOff.personId} holds more than the perpetrator records split off this person: split it or review a match instead`,
    );
  return invalid(
    'restore',
    IDENTITY_RULES.restoreWhatSplitMoved,
    `${splitOff.personId} no longer holds exactly the records and cases split off this person (a record linked, a case referred, a merge or a split since): split what is not this person's off ${splitOff.personId} first, or review a match instead`,
  );
}
