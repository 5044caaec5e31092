import type { MatchingModel } from './matching-model';
import { STARTING_PARAMETERS } from './starting-parameters';

// Placeholder until the estimated parameters are generated (scripts/matching-train-model.ts).
export const DEFAULT_MATCHING_MODEL: MatchingModel = STARTING_PARAMETERS;
