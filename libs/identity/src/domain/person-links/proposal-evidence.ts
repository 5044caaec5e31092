/**
 * What a match proposal was scored on: the record a referral brought in (registering the second
 * proposed person, or linked to them) against the first, the candidate. A split since may have
 * moved that record to someone else; the proposal's score and levels then describe a record the
 * second person no longer holds, and confirming it would merge people the matcher never compared.
 */
export interface ProposalEvidence {
  /** The two proposed people as they are now (after merges), candidate first. */
  readonly pair: readonly [string, string];
  /** Who holds the record the referral brought in now; undefined when the index cannot say. */
  readonly scoredRecordHeldBy: string | undefined;
}

/**
 * Whether the record the proposal was scored on has left the second person. The candidate's side
 * is left alone: a person who lost records since is still asked about (the score is the lowest over
 * their records, so fewer can only raise it), and one left holding only a case keeps their
 * proposals (README, "People across panels").
 */
export function proposalEvidenceMoved({ pair: [, b], scoredRecordHeldBy }: ProposalEvidence): boolean {
  return scoredRecordHeldBy !== undefined && scoredRecordHeldBy !== b;
}
