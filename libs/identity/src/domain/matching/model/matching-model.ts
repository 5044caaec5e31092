import type { ComparisonName, LevelName } from '../comparisons/comparison-levels';

/**
 * Fellegi-Sunter parameters of one comparison level:
 * - `m`: probability of this level among pairs that ARE the same person,
 * - `u`: probability of this level among pairs that are NOT.
 * The level's weight is log2(m / u) bits: positive evidence for, negative against.
 */
export interface LevelParameters {
  readonly m: number;
  readonly u: number;
}

export type ComparisonParameters<C extends ComparisonName> = { readonly [L in LevelName<C>]: LevelParameters };

/**
 * The whole matching configuration as data, so it can be estimated, versioned, reviewed and
 * shipped as JSON without touching code.
 *
 * Thresholds are match weights in bits: log2 of the prior odds plus the sum of the level weights.
 * Pairs at or above `linkThreshold` join automatically; pairs from `reviewThreshold` up to it are
 * proposed to a person for review; below, the record starts a new person.
 */
export interface MatchingModel {
  readonly description: string;
  /** Probability that two records drawn at random are the same person. */
  readonly priorMatchProbability: number;
  readonly comparisons: { readonly [C in ComparisonName]: ComparisonParameters<C> };
  readonly linkThreshold: number;
  readonly reviewThreshold: number;
  /**
   * Anti-chaining: a record whose weights with a person's records reach `linkThreshold` on
   * average joins that person only if none of them falls below this (the split threshold, separate
   * from the join). From `reviewThreshold` to `linkThreshold`; absent, `reviewThreshold`.
   */
  readonly splitThreshold?: number;
  /**
   * Shift exact name agreement by how common the name is among the indexed records (see
   * NameFrequencies). Off when absent.
   */
  readonly adjustForNameFrequency?: boolean;
}
