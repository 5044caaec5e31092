import type { MatchLevels } from './comparisons/comparison-levels';

export type MatchDecision = 'link' | 'review' | 'new';

/** What the matcher would do with one candidate person on its own. */
export type CandidateOutcome = 'link' | 'review' | 'below-threshold';

/**
 * Why a candidate that scores high enough is still not linked automatically:
 * - `identifier-conflict`: a valid identifier of the record differs from the person's (PNC,
 *   NHS number...): different people, whatever the names say; never auto-linked.
 * - `twins`: same surname, (nearly) the same date of birth, nothing to say they live apart (the
 *   same home, a home missing on one side, or postcodes agreeing only on the sector or district),
 *   and forenames that are not the same (`sameForenames`: however alike they look or sound, a
 *   shared middle name or a shared first part such as Lily-Mae / Lily-Rose or Mohammed Imran /
 *   Mohammed Asif, two names registered in their own right such as Jack / John), while none of the
 *   person's records of that family and birthday gives exactly the record's forenames
 *   (`exactForenames`: a record lacking a middle name, or giving its initial, fits either twin and
 *   vouches for neither).
 * - `different-generation`: same name, nothing to say they live apart (as for `twins`), but dates
 *   of birth more than ten years apart (a parent and child with the same name).
 * - `uncorroborated-identifier`: an identifier agrees but the rest of the record does not even
 *   reach the review threshold (a mistyped or borrowed number is likelier than a match).
 * - `forename-and-birth-differ`: dates of birth more than a year apart (not one digit apart or
 *   day and month swapped; a transposed year such as 1989/1998 counts as years apart) and
 *   forenames that are not the same name (a nickname, a close spelling, a sound, a middle name,
 *   an alias, or none): likelier two relatives than one person, however well surname and home
 *   agree.
 * None but `identifier-conflict` fires against a person when an equal identifier decides. When
 * one of their records agrees exactly on forenames and date of birth, not on another surname, and
 * links on its own, `identifier-conflict`, `twins` and `different-generation` still fire.
 */
export type MatchGuard =
  | 'identifier-conflict'
  | 'twins'
  | 'different-generation'
  | 'uncorroborated-identifier'
  | 'forename-and-birth-differ';

export interface PersonCandidate {
  readonly personId: string;
  /**
   * The person's score: the LOWEST match weight (bits) between the record and any of the
   * person's records. A record joins a person when its weights with their records reach the link
   * threshold on average and none falls below the split threshold (no chaining through one close
   * record), so a linked record's score may be under the link threshold.
   */
  readonly score: number;
  /** The highest match weight against any of the person's records. */
  readonly bestRecordScore: number;
  readonly matchProbability: number;
  /** The person's record that matched best, and the comparison levels of that pair. */
  readonly recordId: string;
  readonly levels: MatchLevels;
  /**
   * An equal valid identifier with one of the person's records, corroborated by the rest of
   * that record (deterministic layer): links whatever the score, unless an identifier conflicts.
   */
  readonly identifierAgreement: boolean;
  readonly guards: readonly MatchGuard[];
  readonly outcome: CandidateOutcome;
}

export interface MatchResult {
  readonly decision: MatchDecision;
  /** The linked person (`link`) or the person proposed for review (`review`). */
  readonly personId?: string;
  /** Candidate persons, strongest first (at most the matcher's `maxCandidates`). */
  readonly candidates: readonly PersonCandidate[];
  /**
   * Present when the candidate budget cut in: how many blocks of records sharing a key with the
   * record were left out, their records not compared (an equal identifier is never left out).
   */
  readonly blocksLeftOut?: number;
}
