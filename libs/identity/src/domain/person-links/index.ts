export * from './identity-events';
export { IDENTITY_RULES } from './identity-rules';
export { requireReason } from './reason';
export {
  matchProposalDecider,
  chooseSurvivor,
  type MatchProposalCommand,
  type MatchProposalState,
} from './match-proposal.decider';
export {
  personLinksDecider,
  type PersonLinksCommand,
  type PersonLinksState,
  type PersonNow,
  type SplitFacts,
  type SplitOffPerson,
  type RecordsAndCases,
} from './person-links.decider';
export { casesWithTheirRecords, type CameFrom } from './split-facts';
export { PersonGraph, type GraphSplit } from './person-graph';
export {
  confirmationEffect,
  recordedRegistrations,
  rejectionKeepingApart,
  rejectionStands,
  type ConfirmationEffect,
  type MergeFacts,
  type RecordedRegistrations,
  type StandingRejection,
} from './merge-rule';
export { toPersonRecord } from './to-person-record';
export {
  proposalEvidenceMoved,
  proposalEvidenceRemoved,
  type ProposalEvidence,
  type ProposalIdentifierEvidence,
} from './proposal-evidence';
export { conflictingIdentifierKinds, sharedIdentifierKinds } from './identifier-conflict';
export { holdsNothing, type Holdings } from './holds-nothing';
export {
  identifiersParted,
  partedDespite,
  type PartedDespiteStatement,
  type PartedGroup,
  type RecordOnSide,
} from './identifiers-kept-together';
export { linkedWhileOneWith, type MergePointer, type RecordLink } from './linked-while-merged';
export { mergedWhileOneWith, type MergedWhileOne } from './merged-while-one';
export {
  sortByIdentity,
  type HeldRecord,
  type LinkedWhileMerged,
  type PersonMergedWhileOne,
  type PersonSorting,
  type SortedBy,
  type SortedPerson,
  type SortedRecord,
  type Sorting,
} from './sort-at-restore';
export { sortedWithReviewer, type ReviewerSays, type ShownToReviewer, type SortedAtRestore } from './reviewer-sorting';
export { namingKeepingApart, type PerpetratorNaming } from './perpetrator-naming';
export { splitKeepingApart, type SplitApart } from './split-apart';
export { onYourPanels, type PanelsOfCaller } from './on-your-panels';
export { changeBegun, streamRecording, type ChangeToRecord } from './change-begun';
