import type { PersonCandidate } from './match-result';

/**
 * At most this many people are put to a reviewer beside one referral, however many scored. Pairs
 * already before a reviewer (or decided) are left out first, so they do not crowd out new ones.
 */
export const MAX_REVIEW_PROPOSALS = 3;

/** What the people a referral's record could belong to are, for deciding what a reviewer sees. */
export interface ProposalFacts {
  /** Whether the two people's records carry different valid values of one identifier. */
  identifiersConflict(a: string, b: string): boolean;
  /**
   * Whether the two people are known to be two: a reviewer's rejection standing now, a split of one
   * off the other, or a MARAC case about one naming the other as perpetrator (following later
   * merges and splits of either).
   */
  rejectedBefore(a: string, b: string): boolean;
  /**
   * Whether the pair is already in the queue or decided: proposing it would add nothing. Absent:
   * nothing was proposed before (an evaluation over a fresh index).
   */
  alreadyProposed?(a: string, b: string): boolean;
}

/**
 * The people to propose for review as the same person as `personId`, the person the record now
 * belongs to, strongest first:
 * - registered as someone new: every review-band candidate (a reviewer decides whether the new
 *   person is one of them), and each linkable one when the record linked to two people known
 *   to be two and so joined neither (`weighKeptApart`). Those are new pairs, the new person with
 *   each: the split, rejection or identifiers keeping the two apart are not put back to a reviewer;
 * - linked automatically: every other candidate the record also reaches the review band (or link
 *   threshold) with. The record is one person's, and it looks like another's too: the two may be
 *   one person recorded twice. Not when the record or the person it joined conflicts with the
 *   other on an identifier (they can never be merged), nor when they are known to be two people
 *   (a standing rejection, a split, or a MARAC case about one naming the other as perpetrator).
 * Either way not a pair already proposed (still open, following merges, or decided): it would put
 * the same two people to a reviewer twice, and it does not count towards the cap.
 * One rule for the resolver and the accuracy evaluation, so the figures count what a reviewer sees.
 */
export function reviewProposals(
  candidates: readonly PersonCandidate[],
  personId: string,
  linked: boolean,
  facts: ProposalFacts,
): PersonCandidate[] {
  const besideLink = (candidate: PersonCandidate): boolean =>
    candidate.outcome !== 'below-threshold' &&
    !candidate.guards.includes('identifier-conflict') &&
    !facts.identifiersConflict(personId, candidate.personId) &&
    !facts.rejectedBefore(personId, candidate.personId);
  const proposed = candidates.filter(
    (candidate) =>
      candidate.personId !== personId &&
      (linked ? besideLink(candidate) : candidate.outcome !== 'below-threshold') &&
      facts.alreadyProposed?.(personId, candidate.personId) !== true,
  );
  return proposed.slice(0, MAX_REVIEW_PROPOSALS);
}
