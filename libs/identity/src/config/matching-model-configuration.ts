/**
 * A matching model given in configuration (`MATCHING_MODEL` / `MATCHING_MODEL_FILE`), checked
 * field by field so that an operator's mistake stops start-up with the field and the rule it
 * breaks, never a model half-read: a missing level would otherwise score as no evidence at all,
 * and a review threshold above the link threshold would link pairs meant for a reviewer.
 */
import { COMPARISON_LEVELS, COMPARISON_NAMES } from '../domain/matching/comparisons/comparison-levels';
import { compileModel } from '../domain/matching/model/compiled-model';
import type { LevelParameters, MatchingModel } from '../domain/matching/model/matching-model';
import { KNOWN_MATCHING_MODELS, type ConfiguredMatchingModel } from './configured-matching-model';

const MODEL_FIELDS = [
  'id',
  'version',
  'description',
  'priorMatchProbability',
  'linkThreshold',
  'reviewThreshold',
  'splitThreshold',
  'adjustForNameFrequency',
  'comparisons',
];
const OPTIONAL_FIELDS = ['splitThreshold', 'adjustForNameFrequency'];
const LEVEL_FIELDS = ['m', 'u'];
/** Names the model in logs and reviews: plain words, no spaces. */
const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
/** The m (or u) values of one comparison share out all pairs; six significant figures each. */
const SUM_TOLERANCE = 1e-3;
/**
 * Match weights (posterior log2 odds) a threshold may take. A link below 0 bits would join a record
 * to someone it is more likely not to be; no pair scores anywhere near 100 bits (the built-in model
 * tops out near 45), so 100 already means "never link", and reviewing pairs below -50 bits (odds
 * of 1 in 10^15) would queue every blocked pair.
 */
export const THRESHOLD_BITS = {
  linkThreshold: { min: 0, max: 100 },
  reviewThreshold: { min: -50, max: 100 },
  splitThreshold: { min: -50, max: 100 },
} as const;
/** Room for a sentence or two: a model file is read whole at start-up, by every process. */
export const MAX_DESCRIPTION_LENGTH = 1_000;

type Json = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** What was given, as written; a number JSON cannot hold (1e400 reads as Infinity) as such. */
const got = (value: unknown): string =>
  `(got ${typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? 'nothing')})`;
const isProbability = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 1;

const unknownFields = (value: Json, allowed: readonly string[], where: string, what: string): string[] =>
  Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}${key} is not ${what} (known: ${allowed.join(', ')})`);

function levelProblems(comparison: string, level: string, raw: unknown): string[] {
  const where = `comparisons.${comparison}.${level}`;
  if (!isRecord(raw)) return [`${where} must be an object { "m", "u" } ${got(raw)}`];
  const problems = unknownFields(raw, LEVEL_FIELDS, `${where}.`, 'a level parameter');
  for (const field of LEVEL_FIELDS) {
    if (!isProbability(raw[field])) {
      problems.push(`${where}.${field} must be a probability between 0 and 1, both excluded ${got(raw[field])}`);
    }
  }
  return problems;
}

function comparisonProblems(comparison: (typeof COMPARISON_NAMES)[number], raw: unknown): string[] {
  const levels: readonly string[] = COMPARISON_LEVELS[comparison];
  const where = `comparisons.${comparison}`;
  if (!isRecord(raw)) return [`${where} must be an object with the levels ${levels.join(', ')}`];
  const problems = unknownFields(raw, levels, `${where}.`, `a level of ${comparison}`);
  for (const level of levels) {
    if (raw[level] === undefined) problems.push(`${where}.${level} is missing: the matcher scores every level`);
    else problems.push(...levelProblems(comparison, level, raw[level]));
  }
  if (problems.length > 0) return problems;
  for (const field of LEVEL_FIELDS) {
    const sum = levels.reduce((total, level) => total + ((raw[level] as Json)[field] as number), 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      problems.push(`${where}: the ${field} values of its levels must add up to 1 (got ${sum.toPrecision(6)})`);
    }
  }
  return problems;
}

function comparisonsProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return [`comparisons must be an object with ${COMPARISON_NAMES.join(', ')}`];
  const problems = unknownFields(raw, COMPARISON_NAMES, 'comparisons.', 'a comparison the matcher makes');
  for (const comparison of COMPARISON_NAMES) {
    if (raw[comparison] === undefined) problems.push(`comparisons.${comparison} is missing: the matcher compares it`);
    else problems.push(...comparisonProblems(comparison, raw[comparison]));
  }
  return problems;
}

function headerProblems(raw: Json): string[] {
  const problems: string[] = [];
  const { id, version, description, adjustForNameFrequency } = raw;
  if (typeof id !== 'string' || !MODEL_ID.test(id)) {
    problems.push(`id must be lower-case letters, digits, dots or dashes, at most 64 ${got(id)}`);
  }
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push(`version must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} ${got(version)}`);
  }
  if (description !== undefined && (typeof description !== 'string' || description.trim() === '')) {
    problems.push('description must be non-blank text when given');
  } else if (typeof description === 'string' && description.length > MAX_DESCRIPTION_LENGTH) {
    problems.push(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters (got ${description.length})`);
  }
  if (adjustForNameFrequency !== undefined && typeof adjustForNameFrequency !== 'boolean') {
    problems.push(`adjustForNameFrequency must be true or false when given ${got(adjustForNameFrequency)}`);
  }
  if (!isProbability(raw.priorMatchProbability)) {
    problems.push(
      `priorMatchProbability must be a probability between 0 and 1, both excluded ${got(raw.priorMatchProbability)}`,
    );
  }
  return problems;
}

function thresholdProblems(raw: Json): string[] {
  const problems: string[] = [];
  for (const field of ['linkThreshold', 'reviewThreshold', 'splitThreshold'] as const) {
    const value = raw[field];
    const { min, max } = THRESHOLD_BITS[field];
    if (value === undefined && field === 'splitThreshold') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push(`${field} must be a number of bits (a match weight) from ${min} to ${max} ${got(value)}`);
    }
  }
  if (problems.length > 0) return problems;
  const link = raw.linkThreshold as number;
  const review = raw.reviewThreshold as number;
  const split = raw.splitThreshold as number | undefined;
  if (review > link) problems.push(`reviewThreshold (${review}) must not be above linkThreshold (${link})`);
  // A split threshold below the review threshold would link a record more likely not the person
  // than the person to one of their records; above the link threshold nothing could join.
  else if (split !== undefined && (split < review || split > link)) {
    problems.push(`splitThreshold (${split}) must lie between reviewThreshold (${review}) and linkThreshold (${link})`);
  }
  return problems;
}

/** Everything that decides, in one order: two models with the same fingerprint decide alike. */
const fingerprint = (model: MatchingModel): string =>
  JSON.stringify([
    model.priorMatchProbability,
    model.linkThreshold,
    model.reviewThreshold,
    model.splitThreshold ?? model.reviewThreshold,
    model.adjustForNameFrequency === true,
    COMPARISON_NAMES.map((name) =>
      COMPARISON_LEVELS[name].map((level) => {
        const parameters = (model.comparisons[name] as Readonly<Record<string, LevelParameters>>)[level];
        return [parameters?.m, parameters?.u];
      }),
    ),
  ]);

/** Whether two models decide every pair alike: their descriptions may differ. */
export const decideAlike = (a: MatchingModel, b: MatchingModel): boolean => fingerprint(a) === fingerprint(b);

/** A known model redefined under its own id and version: refused, whatever its description says. */
function redefinedVersionProblem(configured: ConfiguredMatchingModel): string | undefined {
  const same = KNOWN_MATCHING_MODELS.find((k) => k.id === configured.id && k.version === configured.version);
  if (same === undefined || decideAlike(same.model, configured.model)) return undefined;
  return `version ${configured.version} of ${configured.id} is built in with other parameters: versions are immutable, give the changed model a new id or version`;
}

function modelOf(raw: Json): ConfiguredMatchingModel {
  const { id, version, description, ...rest } = raw;
  const model = {
    ...(rest as unknown as Omit<MatchingModel, 'description'>),
    description: typeof description === 'string' ? description.trim() : `${id as string} version ${version as number}`,
  };
  return { id: id as string, version: version as number, model };
}

/** The model, or every problem with it (field first, then the rule). */
export function matchingModelFromConfiguration(
  raw: unknown,
): { readonly matchingModel: ConfiguredMatchingModel } | { readonly problems: readonly string[] } {
  if (!isRecord(raw)) {
    return {
      problems: [
        `the model must be a JSON object with ${MODEL_FIELDS.filter((f) => !OPTIONAL_FIELDS.includes(f)).join(', ')}`,
      ],
    };
  }
  const problems = [
    ...unknownFields(raw, MODEL_FIELDS, '', 'a matching model field'),
    ...headerProblems(raw),
    ...thresholdProblems(raw),
    ...comparisonsProblems(raw.comparisons),
  ];
  if (problems.length > 0) return { problems };
  const matchingModel = modelOf(raw);
  const redefined = redefinedVersionProblem(matchingModel);
  if (redefined !== undefined) return { problems: [redefined] };
  try {
    compileModel(matchingModel.model);
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
  return { matchingModel };
}
