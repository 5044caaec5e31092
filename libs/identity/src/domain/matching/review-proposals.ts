import type { PersonCandidate } from './match-result';

/** At most this many people are put to a reviewer beside one referral, however many scored. */
export const MAX_REVIEW_PROPOSALS = 3;

/** What the people a referral's record could belong to are, for deciding what a reviewer sees. */
export interface ProposalFacts {
  /** Whether the two people's records carry different valid values of one identifier. */
  identifiersConflict(a: string, b: string): boolean;
  /** Whether a reviewer's rejection standing now keeps the two people apart. */
  rejectedBefore(a: string, b: string): boolean;
}

/**
 * The people to propose for review as the same person as `personId`, the person the record now
 * belongs to, strongest first:
 * - registered as someone new: every review-band candidate (a reviewer decides whether the new
 *   person is one of them);
 * - linked automatically: every other candidate the record also reaches the review band (or link
 *   threshold) with. The record is one person's, and it looks like another's too: the two may be
 *   one person recorded twice. Not when the record or the person it joined conflicts with the
 *   other on an identifier (they can never be merged), nor when a reviewer already said they are
 *   two people.
 * One rule for the resolver and the accuracy evaluation, so the figures count what a reviewer sees.
 */
export function reviewProposals(
  candidates: readonly PersonCandidate[],
  personId: string,
  linked: boolean,
  facts: ProposalFacts,
): PersonCandidate[] {
  const proposed = candidates.filter((candidate) =>
    linked
      ? candidate.personId !== personId &&
        candidate.outcome !== 'below-threshold' &&
        !candidate.guards.includes('identifier-conflict') &&
        !facts.identifiersConflict(personId, candidate.personId) &&
        !facts.rejectedBefore(personId, candidate.personId)
      : candidate.personId !== personId && candidate.outcome === 'review',
  );
  return proposed.slice(0, MAX_REVIEW_PROPOSALS);
}
