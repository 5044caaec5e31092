import { COMPARISON_LEVELS, COMPARISON_NAMES, MISSING, type ComparisonVector } from '../comparisons/comparison-levels';
import type { LevelParameters, MatchingModel } from './matching-model';

/** A model turned into arrays of weights, indexed like a {@link ComparisonVector}. */
export interface CompiledModel {
  readonly model: MatchingModel;
  /** log2 of the prior odds. */
  readonly priorWeight: number;
  /** Per comparison (in COMPARISON_NAMES order), the weight of each level in bits. */
  readonly levelWeights: readonly Float64Array[];
  /** The model's split threshold, or its review threshold when it sets none. */
  readonly splitThreshold: number;
}

export class InvalidMatchingModelError extends Error {
  override readonly name = 'InvalidMatchingModelError';
}

const isProbability = (value: number): boolean => Number.isFinite(value) && value > 0 && value <= 1;

/** Checks the model covers every level with usable probabilities, then precomputes the weights. */
export function compileModel(model: MatchingModel): CompiledModel {
  const { priorMatchProbability: prior } = model;
  if (!(prior > 0 && prior < 1)) throw new InvalidMatchingModelError('priorMatchProbability must be in (0, 1)');
  if (!(model.linkThreshold >= model.reviewThreshold)) {
    throw new InvalidMatchingModelError('linkThreshold must not be below reviewThreshold');
  }
  const splitThreshold = model.splitThreshold ?? model.reviewThreshold;
  if (!(splitThreshold >= model.reviewThreshold && splitThreshold <= model.linkThreshold)) {
    throw new InvalidMatchingModelError('splitThreshold must lie between reviewThreshold and linkThreshold');
  }
  const levelWeights = COMPARISON_NAMES.map((comparison) => {
    const parameters = model.comparisons[comparison] as Readonly<Record<string, LevelParameters | undefined>>;
    return Float64Array.from(COMPARISON_LEVELS[comparison], (level) => {
      const level_ = parameters[level];
      if (level_ === undefined || !isProbability(level_.m) || !isProbability(level_.u)) {
        throw new InvalidMatchingModelError(`${comparison}.${level} needs m and u in (0, 1]`);
      }
      return Math.log2(level_.m / level_.u);
    });
  });
  return { model, priorWeight: Math.log2(prior / (1 - prior)), levelWeights, splitThreshold };
}

/** Total match weight (bits) of a comparison vector; missing comparisons add nothing. */
export function matchWeight(vector: ComparisonVector, compiled: CompiledModel): number {
  let weight = compiled.priorWeight;
  for (let c = 0; c < vector.length; c++) {
    const level = vector[c] ?? MISSING;
    if (level !== MISSING) weight += compiled.levelWeights[c]?.[level] ?? 0;
  }
  return weight;
}

/** The weight one comparison contributes to a vector's match weight (0 when missing). */
export function comparisonWeight(vector: ComparisonVector, compiled: CompiledModel, comparison: number): number {
  const level = vector[comparison] ?? MISSING;
  return level === MISSING ? 0 : (compiled.levelWeights[comparison]?.[level] ?? 0);
}

/** The posterior probability that the pair is the same person, from its match weight. */
export function matchProbability(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}
