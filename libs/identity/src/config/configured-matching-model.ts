import { BUILT_IN_MODEL_VERSIONS } from '../domain/matching/model/built-in/versions';
import {
  DEFAULT_MATCHING_MODEL,
  DEFAULT_MATCHING_MODEL_VERSION,
} from '../domain/matching/model/default-matching-model';
import type { MatchingModel } from '../domain/matching/model/matching-model';

/**
 * A matching model under a name: the id and version say which parameters and thresholds decided,
 * in logs and in what an operator reviews, so the same id and version always mean the same model.
 */
export interface ConfiguredMatchingModel {
  readonly id: string;
  readonly version: number;
  readonly model: MatchingModel;
}

const BUILT_IN_ID = 'uk-synthetic-referrals';

/** What runs when neither MATCHING_MODEL nor MATCHING_MODEL_FILE is set: the newest built-in version. */
export const BUILT_IN_MATCHING_MODEL: ConfiguredMatchingModel = {
  id: BUILT_IN_ID,
  version: DEFAULT_MATCHING_MODEL_VERSION,
  model: DEFAULT_MATCHING_MODEL,
};

/**
 * The models this code knows by id and version, which a configured one may not redefine: every
 * version ever built in, since links and reviews decided by an earlier one still name it.
 */
export const KNOWN_MATCHING_MODELS: readonly ConfiguredMatchingModel[] = BUILT_IN_MODEL_VERSIONS.map(
  ({ version, model }) => ({ id: BUILT_IN_ID, version, model }),
);

/** The JSON a model file holds: the model's own fields with its id and version beside them. */
export function matchingModelFile({ id, version, model }: ConfiguredMatchingModel): Record<string, unknown> {
  const { description, ...parameters } = model;
  return { id, version, description, ...parameters };
}
