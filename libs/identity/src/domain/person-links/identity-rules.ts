/** Rule names carried by identity rejections (problem responses name them). */
export const IDENTITY_RULES = {
  reasonRequired: 'reason-required',
  proposalExists: 'match-proposal-exists',
  proposalOpen: 'match-proposal-open',
  proposalDecided: 'match-proposal-decided',
  undoMergeFirst: 'undo-the-merge-first',
  alreadyOnePerson: 'already-one-person',
  personHoldsNothing: 'person-holds-nothing',
  proposalEvidenceMoved: 'proposal-evidence-moved',
  /** The identifier a proposal agreed on was removed from a record since (proposal-evidence.ts). */
  proposalEvidenceRemoved: 'proposal-evidence-removed',
  identifierConflict: 'identifier-conflict',
  /** A MARAC case about one of the two names the other as perpetrator (perpetrator-naming.ts). */
  maracVictimAndPerpetrator: 'marac-victim-and-perpetrator',
  /** The same, said to a reader who may not see that case: it names neither role nor panel. */
  keptApartByAnotherPanel: 'kept-apart-by-another-panel',
  /** A split parted the two people a confirmation would merge (split-apart.ts). */
  peopleSplitApart: 'people-split-apart',
  restoreMergedPerson: 'restore-a-person-merged-into-this-one',
  recordOfPerson: 'record-of-this-person',
  caseOfPerson: 'case-of-this-person',
  somethingToSplit: 'something-to-split',
  keepOneRecord: 'keep-at-least-one-record',
  keepOneCase: 'keep-at-least-one-case',
  newPersonRecord: 'new-person-needs-a-record',
  newPersonCase: 'new-person-needs-a-case',
  caseWithItsRecord: 'case-with-its-record',
  restoreSplitOff: 'restore-only-perpetrator-records',
  restoreWhatSplitMoved: 'restore-only-what-the-split-moved',
  personChanged: 'person-changed',
  linkedWhileMerged: 'records-linked-while-merged',
  /** A split would leave one valid identifier value on both sides (identifiers-kept-together.ts). */
  recordsShareAnIdentifier: 'records-share-an-identifier',
  /** `identifiersInError` names only kinds whose values the split leaves on both sides (identifiers-kept-together.ts). */
  identifierInErrorParted: 'identifier-in-error-parted',
  /** `personIds` names only people merged in while the restored person was merged (reviewer-sorting.ts). */
  personMergedWhileOne: 'person-merged-while-one',
  /** A restore would take back someone merged in meanwhile under whose id everything is held (reviewer-sorting.ts). */
  undoLaterMergeFirst: 'undo-the-later-merge-first',
  /** The review's stream moved between a confirmation's read and its recording (merge-in-two-steps.ts). */
  reviewChanged: 'match-review-changed',
} as const;

export const MAX_REASON_LENGTH = 2000;
