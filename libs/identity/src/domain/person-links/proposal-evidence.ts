import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import { conflictingIdentifierKinds, sharedIdentifierKinds } from './identifier-conflict';

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

/**
 * What a proposal's identifier agreement stands on now: the level it was scored with, the
 * identifiers on every record each of the two people holds now, and the values removed as recorded
 * in error since the proposal from those records (one entry per removal, `{ pnc: value }`).
 */
export interface ProposalIdentifierEvidence {
  readonly identifiersLevel: string;
  readonly first: readonly PersonIdentifiers[];
  readonly second: readonly PersonIdentifiers[];
  readonly removedFromFirst: readonly PersonIdentifiers[];
  readonly removedFromSecond: readonly PersonIdentifiers[];
}

/**
 * Whether the proposal was scored on an identifier the two no longer share because that value was
 * removed as recorded in error: its `agree` says a PNC ID (or NHS number ...) matched, and a
 * removal since took it off a record of one of them while the other held it. Confirming it would
 * merge people on a number the record now says was wrong. A value a split or restore took to
 * someone else was not removed: that review keeps the rules it had before (`proposal-evidence-moved`
 * when the scored record moved). Two who now hold different values of the kind are left to
 * `identifier-conflict`, which says more.
 */
export function proposalEvidenceRemoved({
  identifiersLevel,
  first,
  second,
  removedFromFirst,
  removedFromSecond,
}: ProposalIdentifierEvidence): boolean {
  const tookTheAgreeingValue =
    sharedIdentifierKinds(removedFromFirst, [...second, ...removedFromSecond]).length > 0 ||
    sharedIdentifierKinds(removedFromSecond, first).length > 0;
  return (
    identifiersLevel === 'agree' &&
    tookTheAgreeingValue &&
    sharedIdentifierKinds(first, second).length === 0 &&
    conflictingIdentifierKinds(first, second).length === 0
  );
}
