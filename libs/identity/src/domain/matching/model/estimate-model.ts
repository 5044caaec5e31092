import type { BlockingRule } from '../blocking/blocking-rules';
import { compareRecords } from '../comparisons/compare-records';
import {
  COMPARISON_LEVELS,
  COMPARISON_NAMES,
  MISSING,
  newComparisonVector,
  type ComparisonName,
} from '../comparisons/comparison-levels';
import type { PersonRecord } from '../person-record';
import { prepareRecord, type PreparedRecord } from '../prepared-record';
import { ComparisonPatterns, type ComparisonPattern } from './comparison-patterns';
import type { LevelParameters, MatchingModel } from './matching-model';
import { STARTING_PARAMETERS } from './starting-parameters';

export interface EstimationOptions {
  readonly startingModel?: MatchingModel;
  readonly maxIterations?: number;
  /** EM stops when no m value and not the match share moves by more than this. */
  readonly tolerance?: number;
  /** Record pairs drawn (systematically, no randomness) to estimate u. */
  readonly uSamplePairs?: number;
  /** Blocks larger than this are left out of training (they are mostly non-matches anyway). */
  readonly maxTrainingBlockSize?: number;
  readonly linkThreshold?: number;
  readonly reviewThreshold?: number;
  readonly adjustForNameFrequency?: boolean;
  readonly description?: string;
}

export interface RuleEstimate {
  readonly rule: string;
  readonly pairs: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** EM's estimate of the share of this rule's pairs that are the same person. */
  readonly matchShare: number;
  /** The comparisons whose m values this rule estimated (all but those it fixes). */
  readonly estimated: readonly ComparisonName[];
}

export interface ModelEstimate {
  readonly model: MatchingModel;
  readonly rules: readonly RuleEstimate[];
  readonly uSamplePairs: number;
  /** Expected number of same-person pairs among all candidate pairs, under the final model. */
  readonly expectedMatchingPairs: number;
}

/** Levels -> probabilities, per comparison, as mutable arrays for the EM loop. */
type Distribution = Float64Array[];

/** Keeps every probability away from 0 so no level gets an infinite weight from a small sample. */
const FLOOR = 1e-6;

const GOLDEN_RATIO_FRACTION = 0.6180339887498949;

/** Comparisons whose m is estimated but which never sway the posterior (see nameOrder below). */
const EVIDENCE_FREE: readonly ComparisonName[] = ['nameOrder'];

/**
 * Estimates a Fellegi-Sunter model from unlabelled records, the way Splink does:
 * 1. u (level frequencies among non-matches) from a systematic sample of record pairs: almost
 *    every pair of two records drawn apart is two different people.
 * 2. m (level frequencies among matches) by expectation-maximisation over the candidate pairs of
 *    each blocking rule separately, with u held fixed and the comparisons the rule fixes left out
 *    (all pairs sharing a birth year agree on it, which says nothing about matches); the m
 *    values are then averaged over the rules that estimated them.
 * 3. The prior from the expected number of matching pairs among all candidate pairs.
 * Pure and deterministic: the same records give the same model.
 */
export function estimateModel(
  records: readonly PersonRecord[],
  blockingRules: readonly BlockingRule[],
  options: EstimationOptions = {},
): ModelEstimate {
  const start = options.startingModel ?? STARTING_PARAMETERS;
  const prepared = records.map(prepareRecord);
  const u = estimateU(prepared, options.uSamplePairs ?? 300_000);
  const mSums: Distribution = COMPARISON_NAMES.map((name) => new Float64Array(COMPARISON_LEVELS[name].length));
  const mRuleCounts = new Float64Array(COMPARISON_NAMES.length);
  const allCandidates = new ComparisonPatterns();
  const seen = new Set<number>();
  const ruleEstimates: RuleEstimate[] = [];

  for (const rule of blockingRules) {
    const patterns = new ComparisonPatterns();
    forEachCandidatePair(prepared, rule, options.maxTrainingBlockSize ?? 200, (a, b, pairKey, vector) => {
      patterns.add(vector);
      if (!seen.has(pairKey)) {
        seen.add(pairKey);
        allCandidates.add(vector);
      }
    });
    const active = COMPARISON_NAMES.map((name) => !rule.fixes.includes(name));
    const scoring = COMPARISON_NAMES.map((name, c) => active[c] === true && !EVIDENCE_FREE.includes(name));
    const fit = expectationMaximisation(patterns.patterns(), distribution(start, 'm'), u, active, options, scoring);
    COMPARISON_NAMES.forEach((_, c) => {
      if (!active[c] || patterns.pairs === 0) return;
      const sums = mSums[c] as Float64Array;
      (fit.m[c] as Float64Array).forEach((p, level) => (sums[level] = (sums[level] ?? 0) + p));
      mRuleCounts[c] = (mRuleCounts[c] ?? 0) + 1;
    });
    ruleEstimates.push({
      rule: rule.name,
      pairs: patterns.pairs,
      iterations: fit.iterations,
      converged: fit.converged,
      matchShare: fit.lambda,
      estimated: COMPARISON_NAMES.filter((_, c) => active[c]),
    });
  }

  const startM = distribution(start, 'm');
  const m: Distribution = COMPARISON_NAMES.map((_, c) => {
    const rules = mRuleCounts[c] ?? 0;
    return rules === 0 ? (startM[c] as Float64Array) : normalised((mSums[c] as Float64Array).map((s) => s / rules));
  });

  // Name order carries no evidence of its own: when names are read crosswise, the forename and
  // surname levels already score the crossed agreement, and a u from random pairs would count it
  // again. Its m is kept (how often matches are recorded swapped) and u set equal, weight 0.
  const nameOrder = COMPARISON_NAMES.indexOf('nameOrder');
  u[nameOrder] = (m[nameOrder] as Float64Array).slice();

  const scoring = COMPARISON_NAMES.map((name) => !EVIDENCE_FREE.includes(name));
  const expectedMatchingPairs = expectedMatches(allCandidates.patterns(), m, u, scoring);
  const allPairs = (prepared.length * (prepared.length - 1)) / 2;
  const prior = Math.min(0.5, Math.max(1e-12, expectedMatchingPairs / Math.max(1, allPairs)));

  const model: MatchingModel = {
    description: options.description ?? `Estimated by EM from ${records.length} records`,
    priorMatchProbability: prior,
    linkThreshold: options.linkThreshold ?? start.linkThreshold,
    reviewThreshold: options.reviewThreshold ?? start.reviewThreshold,
    ...(options.adjustForNameFrequency === undefined ? {} : { adjustForNameFrequency: options.adjustForNameFrequency }),
    comparisons: toComparisons(m, u),
  };
  return {
    model,
    rules: ruleEstimates,
    uSamplePairs: Math.min(options.uSamplePairs ?? 300_000, allPairs),
    expectedMatchingPairs,
  };
}

function distribution(model: MatchingModel, which: 'm' | 'u'): Distribution {
  return COMPARISON_NAMES.map((name) => {
    const parameters = model.comparisons[name] as Readonly<Record<string, LevelParameters>>;
    return normalised(Float64Array.from(COMPARISON_LEVELS[name], (level) => parameters[level]?.[which] ?? FLOOR));
  });
}

function normalised(values: Float64Array): Float64Array {
  const floored = values.map((v) => Math.max(FLOOR, v));
  const total = floored.reduce((sum, v) => sum + v, 0);
  return floored.map((v) => v / total);
}

function toComparisons(m: Distribution, u: Distribution): MatchingModel['comparisons'] {
  const entries = COMPARISON_NAMES.map((name, c) => [
    name,
    Object.fromEntries(
      COMPARISON_LEVELS[name].map((level, l) => [
        level,
        { m: round(m[c]?.[l] ?? FLOOR), u: round(u[c]?.[l] ?? FLOOR) },
      ]),
    ),
  ]);
  return Object.fromEntries(entries) as unknown as MatchingModel['comparisons'];
}

/** Six significant figures: enough for weights, short enough to review as JSON. */
const round = (value: number): number => Number(value.toPrecision(6));

/**
 * u from pairs (i, i + stride) for a few strides spread by the golden ratio: deterministic,
 * covers every record equally and avoids neighbours (which may be related in the input order).
 * Laplace smoothing keeps levels never seen among non-matches at a small positive u.
 */
function estimateU(records: readonly PreparedRecord[], samplePairs: number): Distribution {
  const counts: Distribution = COMPARISON_NAMES.map((name) => new Float64Array(COMPARISON_LEVELS[name].length).fill(1));
  const n = records.length;
  if (n < 2) return counts.map(normalised);
  const vector = newComparisonVector();
  const rounds = Math.max(1, Math.ceil(samplePairs / n));
  let drawn = 0;
  for (let r = 1; r <= rounds && drawn < samplePairs; r++) {
    const stride = 1 + Math.floor(((r * GOLDEN_RATIO_FRACTION) % 1) * (n - 1));
    for (let i = 0; i < n && drawn < samplePairs; i++) {
      const a = records[i] as PreparedRecord;
      const b = records[(i + stride) % n] as PreparedRecord;
      if (a === b) continue;
      compareRecords(a, b, vector);
      drawn++;
      for (let c = 0; c < vector.length; c++) {
        const level = vector[c] ?? MISSING;
        if (level !== MISSING) (counts[c] as Float64Array)[level] = ((counts[c] as Float64Array)[level] ?? 0) + 1;
      }
    }
  }
  return counts.map(normalised);
}

/** Calls `visit` once per distinct pair of records sharing a key of the rule. */
function forEachCandidatePair(
  records: readonly PreparedRecord[],
  rule: BlockingRule,
  maxBlockSize: number,
  visit: (a: PreparedRecord, b: PreparedRecord, pairKey: number, vector: Int8Array) => void,
): void {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of rule.keys(record)) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [index]);
      else if (block[block.length - 1] !== index) block.push(index);
    }
  });
  const n = records.length;
  const visited = new Set<number>();
  const vector = newComparisonVector();
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlockSize) continue;
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const i = block[x] as number;
        const j = block[y] as number;
        const pairKey = i < j ? i * n + j : j * n + i;
        if (visited.has(pairKey)) continue;
        visited.add(pairKey);
        const a = records[i] as PreparedRecord;
        const b = records[j] as PreparedRecord;
        visit(a, b, pairKey, compareRecords(a, b, vector));
      }
    }
  }
}

interface Fit {
  readonly m: Distribution;
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The probability that a pair with this pattern is a match, given m, u and the match share. */
function posterior(
  pattern: ComparisonPattern,
  m: Distribution,
  u: Distribution,
  active: readonly boolean[],
  lambda: number,
): number {
  let logRatio = Math.log(lambda / (1 - lambda));
  for (let c = 0; c < pattern.vector.length; c++) {
    const level = pattern.vector[c] ?? MISSING;
    if (level === MISSING || !active[c]) continue;
    logRatio += Math.log((m[c]?.[level] ?? FLOOR) / (u[c]?.[level] ?? FLOOR));
  }
  return 1 / (1 + Math.exp(-logRatio));
}

/**
 * Expected number of matching pairs among candidate pairs: the match share λ is re-estimated
 * with m and u held fixed (EM on λ alone), then the posteriors are summed.
 */
function expectedMatches(
  patterns: readonly ComparisonPattern[],
  m: Distribution,
  u: Distribution,
  scoring: readonly boolean[],
): number {
  const total = patterns.reduce((sum, pattern) => sum + pattern.count, 0);
  if (total === 0) return 0;
  let lambda = 0.1;
  let expected = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    expected = patterns.reduce((sum, pattern) => sum + pattern.count * posterior(pattern, m, u, scoring, lambda), 0);
    const next = Math.min(1 - FLOOR, Math.max(FLOOR, expected / total));
    if (Math.abs(next - lambda) < 1e-9) break;
    lambda = next;
  }
  return expected;
}

/**
 * EM with u fixed: E-step = each pattern's posterior match probability (from the `scoring`
 * comparisons); M-step = m of the `active` comparisons as the posterior-weighted level
 * frequencies, and λ as the mean posterior.
 */
export function expectationMaximisation(
  patterns: readonly ComparisonPattern[],
  startM: Distribution,
  u: Distribution,
  active: readonly boolean[],
  options: Pick<EstimationOptions, 'maxIterations' | 'tolerance'> = {},
  scoring: readonly boolean[] = active,
): Fit {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  let m: Distribution = startM.map((levels) => levels.slice());
  let lambda = 0.1;
  const total = patterns.reduce((sum, pattern) => sum + pattern.count, 0);
  if (total === 0) return { m, lambda, iterations: 0, converged: true };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const sums = m.map((levels) => new Float64Array(levels.length));
    let matches = 0;
    for (const pattern of patterns) {
      const weight = pattern.count * posterior(pattern, m, u, scoring, lambda);
      matches += weight;
      for (let c = 0; c < pattern.vector.length; c++) {
        const level = pattern.vector[c] ?? MISSING;
        if (level !== MISSING && active[c])
          (sums[c] as Float64Array)[level] = ((sums[c] as Float64Array)[level] ?? 0) + weight;
      }
    }
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
    const nextM: Distribution = sums.map((levelSums, c) => {
      const seen = levelSums.reduce((sum, v) => sum + v, 0);
      return active[c] && seen > 0 ? normalised(levelSums) : (m[c] as Float64Array);
    });
    let change = Math.abs(nextLambda - lambda);
    nextM.forEach((levels, c) => levels.forEach((p, l) => (change = Math.max(change, Math.abs(p - (m[c]?.[l] ?? 0))))));
    m = nextM;
    lambda = nextLambda;
    if (change < tolerance) return { m, lambda, iterations: iteration, converged: true };
  }
  return { m, lambda, iterations: maxIterations, converged: false };
}
