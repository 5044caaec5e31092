import type { Principal } from '../../../platform/src/auth/principal';
import type { MatchingModel } from '../domain/matching';
import {
  linkedWhileOneWith,
  mergedWhileOneWith,
  onYourPanels,
  sortByIdentity,
  sortedWithReviewer,
  type LinkedWhileMerged,
  type LinkedWhileMergedPlaced,
  type MergedWhileOnePlaced,
  type MergePointer,
  type PersonMergedWhileOne,
  type ShownToReviewer,
  type SortedPerson,
  type SortedRecord,
} from '../domain/person-links';
import type { IndexedPerson, PersonIndexQuery } from './person-index.query';
import type { SplitScope } from './split-within-panels';

export interface RestoreSorting {
  readonly linkedWhileMerged: readonly SortedRecord[];
  readonly mergedWhileOne: readonly SortedPerson[];
  /** Where each went, of those the caller may see: what the restore answers. */
  readonly shown: {
    readonly linkedWhileMerged: readonly LinkedWhileMergedPlaced[];
    readonly mergedWhileOne: readonly MergedWhileOnePlaced[];
  };
}

/**
 * Sorts between the two what came to `person` while `restored` was merged into them: the records
 * referrals linked (with the cases they opened), and the people other reviews merged in (with all
 * they hold), see `sortByIdentity` and `sortedWithReviewer`. A restore that gave back only what
 * `restored` held before the merge left a victim's repeat referral, refuge address and all, on the
 * man she was merged into in error, and an IOM nominal's own MAPPA record, merged in by another
 * review, on the victim. Everything is sorted, whichever panel brought it in, as whose it is does
 * not depend on who restores; the answer and a refusal name only what the caller's panels hold.
 */
export function sortedAtRestore(
  facts: { readonly index: PersonIndexQuery; readonly model: MatchingModel },
  principal: Principal,
  person: IndexedPerson,
  restored: IndexedPerson,
  request: SplitScope,
): RestoreSorting {
  const { pointers, links, cases, namings } = facts.index.mergesAndLinks(person.personId);
  const theirs = new Set(restored.records.map((r) => r.recordId));
  const confirmed = pointers.map(
    ({ personId, mergedInto, confirmedAt }): MergePointer => ({
      personId,
      mergedInto,
      confirmedAt: confirmedAt ?? undefined,
    }),
  );
  const whileMerged = new Set(
    linkedWhileOneWith(
      restored.personId,
      links.filter((link) => !theirs.has(link.recordId)),
      confirmed,
    ).map((link) => link.recordId),
  );
  const held = new Set(person.cases.map((c) => c.caseId));
  const linked = person.records
    .filter((r) => whileMerged.has(r.recordId))
    .map(({ recordId, details, sourceCaseId, forPerpetrator }): LinkedWhileMerged => {
      // A perpetrator's record came with the victim's case, which stays hers.
      const ownCase = !forPerpetrator && sourceCaseId !== null && held.has(sourceCaseId) ? sourceCaseId : undefined;
      return { recordId, details, ...(ownCase === undefined ? {} : { caseId: ownCase }) };
    });
  // What a person merged in holds besides: what came with them, never what was linked since.
  const linkedCases = new Set(linked.flatMap((r) => r.caseId ?? []));
  const heldBy = new Map(links.map((link) => [link.recordId, link.heldBy]));
  const people = mergedWhileOneWith(restored.personId, confirmed).map((joined): PersonMergedWhileOne => {
    const ofThem = (id: string | undefined) => id !== undefined && joined.memberIds.includes(id);
    return {
      ...joined,
      records: person.records.filter((r) => !whileMerged.has(r.recordId) && ofThem(heldBy.get(r.recordId))),
      caseIds: cases.filter((c) => !linkedCases.has(c.caseId) && ofThem(c.heldBy)).map((c) => c.caseId),
      namedOnCaseIds: namings.filter((c) => ofThem(c.heldBy)).map((c) => c.caseId),
    };
  });
  const withPeople = new Set(people.flatMap((p) => p.records.map((r) => r.recordId)));
  const staying = person.records.filter(
    (r) => !theirs.has(r.recordId) && !whileMerged.has(r.recordId) && !withPeople.has(r.recordId),
  );
  const sortings = sortByIdentity({ records: linked, people }, { restored: restored.records, staying }, facts.model);
  const shown = shownTo(principal, person);
  const sorted = sortedWithReviewer(
    sortings,
    {
      named: { recordIds: request.recordIds ?? [], caseIds: request.caseIds ?? [], personIds: request.personIds ?? [] },
      decides: request.recordIds !== undefined || request.caseIds !== undefined || request.personIds !== undefined,
    },
    shown,
    restored.personId,
  );
  const to = (goesBack: boolean) => (goesBack ? restored.personId : person.personId);
  return {
    linkedWhileMerged: sorted.records,
    mergedWhileOne: sorted.people,
    shown: {
      linkedWhileMerged: sorted.records.filter(shown.record).map(({ recordId, caseId, goesBack, by }) => ({
        recordId,
        ...(caseId === undefined ? {} : { caseId }),
        to: to(goesBack),
        by,
      })),
      mergedWhileOne: sorted.people
        .filter(shown.person)
        .map(({ personId, goesBack, by }) => ({ personId, to: to(goesBack), by })),
    },
  };
}

/**
 * A record (and its case) the caller's panels brought in, as a split lets a coordinator move
 * (split-within-panels.ts), and a person merged in all of whose records and cases are: admins see
 * every one.
 */
function shownTo(principal: Principal, person: IndexedPerson): ShownToReviewer {
  if (principal.roles.includes('admin')) return { record: () => true, person: () => true };
  const ours = onYourPanels(principal);
  const recordOurs = (recordId: string) => {
    const record = person.records.find((r) => r.recordId === recordId);
    return record !== undefined && ours(record.sourcePanel);
  };
  const caseOurs = (caseId: string) => {
    const found = person.cases.find((c) => c.caseId === caseId);
    return found === undefined || ours(found.panel);
  };
  return {
    record: ({ recordId, caseId }) => recordOurs(recordId) && (caseId === undefined || caseOurs(caseId)),
    person: ({ recordIds, caseIds }) => recordIds.every(recordOurs) && caseIds.every(caseOurs),
  };
}
