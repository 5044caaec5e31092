import { conflict } from '../../../command-handling/src/rejections';
import { IDENTITY_RULES } from '../domain/person-links';
import type { ReviewState } from './person-index.query';

/**
 * A confirmation whose merge a restoring split undid is still recorded as confirmed, so the decider
 * would answer "already confirmed" of two people who are two again: say what happened and how to
 * decide it anew. When the person it merged in is held by someone else now (an unmerge sorted them
 * to the person it restored, or kept them with the survivor while the review paired the restored
 * person), the review pairs that someone, and confirming it anew would merge the two that unmerge
 * parted: the reviewer is told so before reopening it. Once other reviews have made its two people
 * one again there is nothing to confirm, and reopening waits for that merge to be undone: saying
 * "it pairs X and X" would be no help.
 */
export function requireMergeNotUndone(review: ReviewState, current: (personId: string) => string): void {
  if (!review.mergeUndone) return;
  const [a, b] = [current(review.personIds[0]), current(review.personIds[1])];
  const undone = 'this match review was confirmed, but a split with restore has since undone its merge';
  if (a === b)
    throw conflict(
      IDENTITY_RULES.proposalOpen,
      `${undone}, and other confirmations have made its two people one person (${a}) again since: there is nothing to confirm or reject. To decide it anew, undo the merge that made them one (POST /v1/people/${a}/split, restoring whom it merged in), then reopen it`,
    );
  const mergedIn = review.merge?.mergedId;
  const heldBy = mergedIn === undefined ? undefined : current(mergedIn);
  const elsewhere =
    mergedIn === undefined || heldBy === mergedIn
      ? ''
      : `; ${mergedIn}, whom it merged in, is held by ${heldBy} now, so it pairs ${a} and ${b}, and confirming it anew merges those two. To merge ${mergedIn} alone, undo their merge first (POST /v1/people/${heldBy}/split with restore ${mergedIn})`;
  throw conflict(
    IDENTITY_RULES.proposalOpen,
    `${undone}: the two are two people again${elsewhere}. Reopen it (POST /v1/people/match-reviews/${review.id}/reopen, with a reason) to confirm or reject it anew`,
  );
}
