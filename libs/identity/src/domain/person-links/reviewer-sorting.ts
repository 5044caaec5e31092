import { Rejection, type RejectionDetail } from '../../../../command-handling/src/rejections';
import { IDENTITY_RULES } from './identity-rules';
import type { SortedRecord, Sorting } from './sort-at-restore';
import type { RecordsAndCases } from './split-facts';

/** What the restore's request says of the records linked while merged. */
export interface ReviewerSays {
  /** The request's `recordIds` and `caseIds`: each record named, or whose case is named, goes back. */
  readonly named: RecordsAndCases;
  /**
   * Whether the request gave either list (even empty): then it answers for every record the matcher
   * left undecided that the reviewer may see, and those it does not name stay.
   */
  readonly decides: boolean;
}

/**
 * The sorting as the reviewer completes it: what they name goes back (a record with its case,
 * whichever of the two they named), whatever the matcher said. A record nothing decided refuses the
 * restore: while the reviewer has not answered for it, or when they may not see it (`shown`), as
 * then no answer of theirs can be about it. The refusal names only records they may see.
 */
export function sortedWithReviewer(
  sortings: readonly Sorting[],
  reviewer: ReviewerSays,
  shown: (sorting: Sorting) => boolean,
  restoredId: string,
): SortedRecord[] {
  const named = (s: Sorting) =>
    reviewer.named.recordIds.includes(s.recordId) ||
    (s.caseId !== undefined && reviewer.named.caseIds.includes(s.caseId));
  const sorted = sortings.map((s): Sorting => {
    if (named(s)) return { ...s, goesBack: true, by: 'reviewer' };
    if (s.goesBack === undefined && reviewer.decides && shown(s)) return { ...s, goesBack: false, by: 'reviewer' };
    return s;
  });
  const undecided = sorted.filter((s) => s.goesBack === undefined);
  if (undecided.length > 0)
    throw unsorted(
      undecided.filter(shown),
      undecided.some((s) => !shown(s)),
      restoredId,
    );
  return sorted as SortedRecord[];
}

const described = ({ recordId, caseId }: Sorting): string =>
  caseId === undefined ? `record ${recordId}` : `record ${recordId} (case ${caseId})`;

function unsorted(shown: readonly Sorting[], hidden: boolean, restoredId: string): Rejection {
  const rule = IDENTITY_RULES.linkedWhileMerged;
  const parts = [];
  if (shown.length > 0)
    parts.push(
      `while ${restoredId} was merged into this person, referrals linked records to them that neither an identifier nor the matcher places with one of the two: ${shown.map(described).join(', ')}. Restore again naming in recordIds (or caseIds) those that go back to ${restoredId} (a record takes its referral's case with it); those not named stay with this person, and an empty list keeps them all`,
    );
  if (hidden)
    parts.push(
      `records linked while ${restoredId} was merged into this person that neither an identifier nor the matcher places are held for panels other than yours: a coordinator of those panels, or an admin, must restore ${restoredId}`,
    );
  const details: RejectionDetail[] = shown.map((s) => ({
    field: 'recordIds',
    rule,
    message: `${described(s)} was linked while the two were one`,
  }));
  return new Rejection('conflict', rule, `${parts.join('. ')}. Nothing was recorded`, details);
}
