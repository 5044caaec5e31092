import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import { conflict, invalid } from '../../../../command-handling/src/rejections';
import { holdsNothing } from './holds-nothing';
import { conflictingIdentifierKinds } from './identifier-conflict';
import type { PersonSplit } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { requireReason } from './reason';
import type { CameFrom, RecordsAndCases, SplitOffPerson } from './split-facts';

export interface RestoreSplitOffData {
  /** The person the split-off person was split off, as they are now. */
  readonly personId: string;
  readonly splitOff: SplitOffPerson;
  /** What the split that started the split-off person moved to them, as the log recorded it. */
  readonly moved: RecordsAndCases;
  /** Where each record and case in `moved` was held until the split, and whom that id stands for now. */
  readonly cameFrom: readonly CameFrom[];
  /**
   * The identifiers on every record held now by each person something goes back to (by `homeNow`),
   * and on each record the split-off person holds (by record id).
   */
  readonly identifiers: {
    readonly held: Readonly<Record<string, readonly PersonIdentifiers[]>>;
    readonly going: Readonly<Record<string, PersonIdentifiers>>;
  };
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

/**
 * Undoes a split: each record and case it moved goes back under the id it was held under until
 * then, recorded as a `person-split` from the split-off person to that id (`restored: false`),
 * which every fold of splits reads as any move and resolves through merges: onto this person while
 * that id is merged into them, back with it once that merge is undone, and onto whoever it stands
 * for now when an unmerge since has parted it from this person (a victim's record goes back to
 * her, never onto the man she was merged into in error). Only while the split-off person holds
 * exactly what the split moved, and never onto someone holding another valid value of an
 * identifier kind what goes to them carries.
 */
export function restoredOnto(data: RestoreSplitOffData): PersonSplit[] {
  const { personId, splitOff, moved } = data;
  const reason = requireReason(data.reason);
  if (splitOff.splitFrom !== personId) {
    throw invalid(
      'restore',
      IDENTITY_RULES.restoreMergedPerson,
      `${splitOff.personId} was neither merged into this person nor split off them, so it cannot be restored`,
    );
  }
  const { recordIds, caseIds, namedOnCaseIds = [] } = splitOff;
  if (holdsNothing({ records: recordIds.length, cases: caseIds.length, namedOn: namedOnCaseIds.length })) {
    throw conflict(
      IDENTITY_RULES.personHoldsNothing,
      `${splitOff.personId} holds nothing now: the split was undone already, or all it held was split off them since`,
    );
  }
  if (!holdsOnlyWhatTheSplitMoved(splitOff, moved)) throw holdsMore(splitOff, moved);
  const homes = byHome(data);
  requireNoIdentifierConflict(data, homes);
  return homes.map(([home, { recordIds, caseIds }]) => ({
    type: 'person-split',
    data: {
      personId: splitOff.personId,
      intoPersonId: home,
      restored: false,
      recordIds,
      caseIds,
      reason,
      occurredAt: data.occurredAt,
    },
  }));
}

/** Whom each id something goes back under stands for now (the id itself when not said). */
const nowOf = ({ cameFrom }: RestoreSplitOffData, home: string): string =>
  cameFrom.find((from) => from.home === home)?.homeNow ?? home;

/** Each person something goes back to, as they are now, must not hold another value of an identifier kind it carries. */
function requireNoIdentifierConflict(data: RestoreSplitOffData, homes: readonly [string, RecordsAndCases][]): void {
  const going = new Map<string, PersonIdentifiers[]>();
  for (const [home, { recordIds }] of homes) {
    const to = nowOf(data, home);
    const carried = recordIds.flatMap((id) => data.identifiers.going[id] ?? []);
    going.set(to, [...(going.get(to) ?? []), ...carried]);
  }
  for (const [to, carried] of going) {
    const kinds = conflictingIdentifierKinds(data.identifiers.held[to] ?? [], carried);
    if (kinds.length === 0) continue;
    const who = to === data.personId ? 'this person' : to;
    throw conflict(
      IDENTITY_RULES.identifierConflict,
      `${who} and ${data.splitOff.personId} hold different ${kinds.join(', ')} values, so they are two people: split off the record that brought the other value first`,
    );
  }
}

/** What the split moved, grouped by the id each was held under before it (the split's person's if unknown). */
function byHome({ moved, cameFrom, personId }: RestoreSplitOffData): [string, RecordsAndCases][] {
  const homes = new Map<string, { recordIds: string[]; caseIds: string[] }>();
  const homeOf = (kind: CameFrom['kind'], id: string) =>
    cameFrom.find((from) => from.kind === kind && from.id === id)?.home ?? personId;
  const at = (home: string) => {
    const found = homes.get(home) ?? { recordIds: [], caseIds: [] };
    homes.set(home, found);
    return found;
  };
  for (const id of moved.recordIds) at(homeOf('record', id)).recordIds.push(id);
  for (const id of moved.caseIds) at(homeOf('case', id)).caseIds.push(id);
  return [...homes];
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
