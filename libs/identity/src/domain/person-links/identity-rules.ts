/** Rule names carried by identity rejections (problem responses name them). */
export const IDENTITY_RULES = {
  reasonRequired: 'reason-required',
  proposalExists: 'match-proposal-exists',
  proposalOpen: 'match-proposal-open',
  alreadyOnePerson: 'already-one-person',
  restoreMergedPerson: 'restore-a-person-merged-into-this-one',
  recordOfPerson: 'record-of-this-person',
  caseOfPerson: 'case-of-this-person',
  somethingToSplit: 'something-to-split',
  keepOneRecord: 'keep-at-least-one-record',
} as const;

export const MAX_REASON_LENGTH = 2000;
