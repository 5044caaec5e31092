import { BUILT_IN_MODEL_VERSIONS } from './built-in/versions';
import type { MatchingModel } from './matching-model';

// The newest runs; the earlier ones stay in the list because links and reviews still name them.
const newest = BUILT_IN_MODEL_VERSIONS.reduce((a, b) => (b.version > a.version ? b : a));

/** The version links and reviews name the default parameters by: other parameters need another version. */
export const DEFAULT_MATCHING_MODEL_VERSION = newest.version;

/** The newest built-in version's parameters: what the matcher uses unless given a model. */
export const DEFAULT_MATCHING_MODEL: MatchingModel = newest.model;
