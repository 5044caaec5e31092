import type { EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MatchingModel } from '../domain/matching';
import {
  linkedWhileOneWith,
  matchStream,
  sortByIdentity,
  sortedWithReviewer,
  type LinkedWhileMerged,
  type LinkedWhileMergedPlaced,
  type MergePointer,
  type SortedRecord,
  type Sorting,
} from '../domain/person-links';
import type { IndexedPerson, PersonIndexQuery } from './person-index.query';
import type { SplitScope } from './split-within-panels';

export interface RestoreSorting {
  readonly linkedWhileMerged: readonly SortedRecord[];
  /** Where each went, of those the caller may see: what the restore answers. */
  readonly shown: readonly LinkedWhileMergedPlaced[];
}

/**
 * Sorts the records linked to `person` while `restored` was merged into them, and the cases their
 * referrals opened, between the two (see `sortByIdentity`, `sortedWithReviewer`): a restore that
 * gave back only what `restored` held before the merge left a victim's repeat referral, refuge
 * address and all, on the man she was merged into in error. Every record is sorted, whichever
 * panel brought it in, as whose it is does not depend on who restores; the answer and a refusal
 * name only those of the caller's panels.
 */
export async function sortedAtRestore(
  facts: { readonly store: EventStore; readonly index: PersonIndexQuery; readonly model: MatchingModel },
  principal: Principal,
  person: IndexedPerson,
  restored: IndexedPerson,
  request: SplitScope,
): Promise<RestoreSorting> {
  const { pointers, links } = facts.index.mergesAndLinks(person.personId);
  const theirs = new Set(restored.records.map((r) => r.recordId));
  const confirmed = await Promise.all(
    pointers.map(
      async ({ personId, mergedInto, proposalId }): Promise<MergePointer> => ({
        personId,
        mergedInto,
        confirmedAt: proposalId === null ? undefined : await confirmedAt(facts.store, proposalId),
      }),
    ),
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
  const staying = person.records.filter((r) => !theirs.has(r.recordId) && !whileMerged.has(r.recordId));
  const sortings = sortByIdentity(linked, { restored: restored.records, staying }, facts.model);
  const shown = shownTo(principal, person);
  const sorted = sortedWithReviewer(
    sortings,
    {
      named: { recordIds: request.recordIds ?? [], caseIds: request.caseIds ?? [] },
      decides: request.recordIds !== undefined || request.caseIds !== undefined,
    },
    shown,
    restored.personId,
  );
  return {
    linkedWhileMerged: sorted,
    shown: sorted.filter(shown).map(({ recordId, caseId, goesBack, by }) => ({
      recordId,
      ...(caseId === undefined ? {} : { caseId }),
      to: goesBack ? restored.personId : person.personId,
      by,
    })),
  };
}

/** Where the confirmation holding the review's merge now was recorded: its last. */
async function confirmedAt(store: EventStore, proposalId: string): Promise<number | undefined> {
  const confirmations = (await store.readStream(matchStream(proposalId))).filter((e) => e.type === 'match-confirmed');
  const last = confirmations[confirmations.length - 1];
  return last === undefined ? undefined : Number(last.position);
}

/**
 * A record (and its case) the caller's panels brought in, as a split lets a coordinator move
 * (split-within-panels.ts): admins see every one.
 */
function shownTo(principal: Principal, person: IndexedPerson): (sorting: Sorting) => boolean {
  if (principal.roles.includes('admin')) return () => true;
  const ours = (panel: string | null): boolean => panel === null || principal.panels.includes(panel);
  return ({ recordId, caseId }) => {
    const record = person.records.find((r) => r.recordId === recordId);
    const found = person.cases.find((c) => c.caseId === caseId);
    return record !== undefined && ours(record.sourcePanel) && (found === undefined || ours(found.panel));
  };
}
