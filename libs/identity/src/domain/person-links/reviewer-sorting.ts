import { conflict, invalid, Rejection, type RejectionDetail } from '../../../../command-handling/src/rejections';
import { IDENTITY_RULES } from './identity-rules';
import type { PersonSorting, SortedPerson, SortedRecord, Sorting, Sortings } from './sort-at-restore';
import type { RecordsAndCases } from './split-facts';

/** What the restore's request says of the records linked, and the people merged in, while merged. */
export interface ReviewerSays {
  /**
   * The request's `recordIds`, `caseIds` and `personIds`: each record named, or whose case is
   * named, goes back; so does each person merged in whose id, or one of whose records or cases, is
   * named (all they hold goes with them).
   */
  readonly named: RecordsAndCases & { readonly personIds: readonly string[] };
  /**
   * Whether the request gave any of the lists (even empty): then it answers for everything the
   * matcher left undecided that the reviewer may see, and what it does not name stays.
   */
  readonly decides: boolean;
}

/** What the reviewer may see (and so be asked about, and answer for). */
export interface ShownToReviewer {
  record(sorting: Sorting): boolean;
  person(sorting: PersonSorting): boolean;
}

export interface SortedAtRestore {
  readonly records: readonly SortedRecord[];
  readonly people: readonly SortedPerson[];
}

/**
 * The sorting as the reviewer completes it: what they name goes back (a record with its case,
 * whichever of the two they named; a person with all they hold), whatever the matcher said.
 * Anything nothing decided refuses the restore: while the reviewer has not answered for it, or
 * when they may not see it (`shown`), as then no answer of theirs can be about it. The refusal
 * names only what they may see.
 */
export function sortedWithReviewer(
  sortings: Sortings,
  reviewer: ReviewerSays,
  shown: ShownToReviewer,
  restoredId: string,
): SortedAtRestore {
  const { recordIds, caseIds, personIds } = reviewer.named;
  requirePeopleToSort(personIds, sortings.people, shown, restoredId);
  const namedRecord = (s: Sorting) =>
    recordIds.includes(s.recordId) || (s.caseId !== undefined && caseIds.includes(s.caseId));
  const namedPerson = (p: PersonSorting) =>
    p.memberIds.some((id) => personIds.includes(id)) ||
    p.recordIds.some((id) => recordIds.includes(id)) ||
    p.caseIds.some((id) => caseIds.includes(id));
  const complete = <T extends Sorting | PersonSorting>(s: T, named: boolean, seen: boolean): T => {
    if (named) return { ...s, goesBack: true, by: 'reviewer' };
    if (s.goesBack === undefined && reviewer.decides && seen) return { ...s, goesBack: false, by: 'reviewer' };
    return s;
  };
  const records = sortings.records.map((s) => complete(s, namedRecord(s), shown.record(s)));
  const people = sortings.people.map((p) => complete(p, namedPerson(p), shown.person(p)));
  const undecidedRecords = records.filter((s) => s.goesBack === undefined);
  const undecidedPeople = people.filter((p) => p.goesBack === undefined);
  if (undecidedRecords.length > 0 || undecidedPeople.length > 0)
    throw unsorted(
      undecidedRecords.filter((s) => shown.record(s)),
      undecidedPeople.filter((p) => shown.person(p)),
      undecidedRecords.some((s) => !shown.record(s)) || undecidedPeople.some((p) => !shown.person(p)),
      restoredId,
    );
  const sorted = { records: records as SortedRecord[], people: people as SortedPerson[] };
  requireNothingHeldUnderGoesBack(sorted.people, (p) => shown.person(p), restoredId);
  return sorted;
}

/** `personIds` names people merged in meanwhile whom the reviewer may see; anyone else is a mistake, said without naming anyone. */
function requirePeopleToSort(
  personIds: readonly string[],
  people: readonly PersonSorting[],
  shown: ShownToReviewer,
  restoredId: string,
): void {
  const unknown = personIds.find((id) => !people.some((p) => p.memberIds.includes(id) && shown.person(p)));
  if (unknown !== undefined)
    throw invalid(
      'personIds',
      IDENTITY_RULES.personMergedWhileOne,
      `${unknown} is not someone another review merged into this person while ${restoredId} was merged in, whom your panels hold: name only those the refusal named`,
    );
}

/**
 * Everything is held under the id of someone merged in meanwhile when the person was merged into
 * them (they were registered first): they cannot go back without taking the rest with them. Their
 * merge must be undone first, which gives the rest back under its own id.
 */
function requireNothingHeldUnderGoesBack(
  people: readonly SortedPerson[],
  shown: (p: SortedPerson) => boolean,
  restoredId: string,
): void {
  const holding = people.find((p) => p.holdsAll && p.goesBack);
  if (holding === undefined) return;
  if (!shown(holding))
    throw conflict(
      IDENTITY_RULES.undoLaterMergeFirst,
      `someone merged in while ${restoredId} was merged into this person, whom everything is held under now, goes back with ${restoredId}: that merge must be undone first, by a coordinator of the panels holding them or an admin. Nothing was recorded`,
    );
  const under = holding.mergedUnder ?? 'the rest';
  throw conflict(
    IDENTITY_RULES.undoLaterMergeFirst,
    `${described(holding)} was merged with this person while ${restoredId} was merged into them, and everything has been held under their id since: they go back with ${restoredId} (by ${holding.by}), which would take everything with them. Undo that merge first (restore ${under} on this person), then restore ${restoredId} on ${under}. Nothing was recorded`,
  );
}

const described = (s: Sorting | PersonSorting): string => {
  if ('personId' in s)
    return s.caseIds.length === 0
      ? `person ${s.personId}`
      : `person ${s.personId} (${s.caseIds.length === 1 ? 'case' : 'cases'} ${s.caseIds.join(', ')})`;
  return s.caseId === undefined ? `record ${s.recordId}` : `record ${s.recordId} (case ${s.caseId})`;
};

/** For one carrying an identifier of each of the two: which kinds of whose (`pnc of <id>, nhsNumber of this person`). */
const kindsOfBoth = ({ identifiersOfBoth: ofBoth }: Sorting | PersonSorting, restoredId: string): string =>
  ofBoth === undefined
    ? ''
    : `${ofBoth.restored.join(', ')} of ${restoredId}, ${ofBoth.staying.join(', ')} of this person`;

const sharing = (s: Sorting | PersonSorting, restoredId: string): string =>
  (s.sharesAnIdentifier === true ? ', and carries a valid identifier others being sorted carry' : '') +
  (s.identifiersOfBoth === undefined
    ? ''
    : `, and carries a valid identifier of each of the two (${kindsOfBoth(s, restoredId)})`);

function unsorted(
  records: readonly Sorting[],
  people: readonly PersonSorting[],
  hidden: boolean,
  restoredId: string,
): Rejection {
  const rule = IDENTITY_RULES.linkedWhileMerged;
  const parts = [];
  if (records.length > 0)
    parts.push(
      `while ${restoredId} was merged into this person, referrals linked records to them that neither an identifier nor the matcher places with one of the two: ${records.map(described).join(', ')}. Restore again naming in recordIds (or caseIds) those that go back to ${restoredId} (a record takes its referral's case with it); those not named stay with this person, and an empty list keeps them all`,
    );
  if (people.length > 0)
    parts.push(
      `while ${restoredId} was merged into this person, other reviews merged people into them that neither an identifier nor the matcher places with one of the two: ${people.map(described).join(', ')}. Restore again naming in personIds those that go back to ${restoredId} (each takes every record and case they hold); those not named stay with this person, and an empty list keeps them all`,
    );
  if ([...records, ...people].some((s) => s.sharesAnIdentifier === true))
    parts.push(
      `some of these carry one valid identifier (PNC ID, CRO, NHS number, NOMS or CRN) that other records or people being sorted carry too, and the matcher does not place them all with one of the two (their scores disagree, or none is clear): records that carry one valid identifier are one person's, so name all of them or none of them: naming some is refused (records-share-an-identifier), as the value would end up on both people`,
    );
  const ofBoth = [...records, ...people].filter((s) => s.identifiersOfBoth !== undefined);
  if (ofBoth.length > 0)
    parts.push(
      `${ofBoth.map(described).join(', ')} ${ofBoth.length === 1 ? 'carries' : 'carry'} a valid identifier of each of the two (${ofBoth.map((s) => kindsOfBoth(s, restoredId)).join('; ')}): each says they are that person's, so neither an identifier nor a score places them and a reviewer must (name all of those that carry one value, or none of them); whichever way they go, the other person's value on them ends up on both people`,
    );
  if (hidden)
    parts.push(
      `records linked, or people merged in, while ${restoredId} was merged into this person that neither an identifier nor the matcher places are held for panels other than yours: a coordinator of those panels, or an admin, must restore ${restoredId}`,
    );
  const details: RejectionDetail[] = [
    ...records.map((s) => ({
      field: 'recordIds',
      rule,
      message: `${described(s)} was linked while the two were one${sharing(s, restoredId)}`,
    })),
    ...people.map((p) => ({
      field: 'personIds',
      rule,
      message: `${described(p)} was merged in while the two were one${sharing(p, restoredId)}`,
    })),
  ];
  return new Rejection('conflict', rule, `${parts.join('. ')}. Nothing was recorded`, details);
}
