export type { PersonRecord, PersonAlias, RecordedSex } from './person-record';
export { PersonMatcher, type PersonMatcherOptions, type MatchReach } from './person-matcher';
export { reviewProposals, MAX_REVIEW_PROPOSALS, type ProposalFacts } from './review-proposals';
export { weighKeptApart } from './people-kept-apart';
export { withoutPeople } from './people-left-out';
export type { MatchResult, MatchDecision, PersonCandidate, CandidateOutcome, MatchGuard } from './match-result';
export {
  COMPARISON_LEVELS,
  COMPARISON_NAMES,
  type ComparisonName,
  type LevelName,
  type MatchLevels,
} from './comparisons/comparison-levels';
export { compareRecords } from './comparisons/compare-records';
export { prepareRecord, type PreparedRecord, type PreparedName } from './prepared-record';
export { BlockingIndex, type BlockingIndexOptions, type CandidateLookup } from './blocking/blocking-index';
export {
  DEFAULT_BLOCKING_RULES,
  SAME_IDENTIFIER,
  DATE_OF_BIRTH,
  SURNAME_SOUND_AND_BIRTH_YEAR,
  NAME_SOUNDS_ANY_ORDER,
  POSTCODE_AND_SEX,
  POSTCODE_AND_INITIALS,
  POSTCODE_AND_NAME_SOUND,
  HOUSE_AND_STREET,
  MAX_NAMES_KEYED,
  type BlockingRule,
} from './blocking/blocking-rules';
export type { MatchingModel, LevelParameters } from './model/matching-model';
export { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
export { compileModel, matchWeight, matchProbability, InvalidMatchingModelError } from './model/compiled-model';
export { estimateModel, type EstimationOptions, type ModelEstimate, type RuleEstimate } from './model/estimate-model';
export { NICKNAME_GROUPS } from './text/nickname-groups';
export { parsePostcode, type PostcodeParts } from './text/postcode';
