/**
 * Estimates a matching model by EM (estimateModel) from a CSV of people and writes it as a file
 * MATCHING_MODEL_FILE accepts:
 *
 *   npm run matching:fit -- --input people.csv --output model.json [--id area-2026] [--version 1]
 *                           [--link-threshold 8] [--review-threshold 0]
 *
 * The CSV has the FEBRL columns the evaluation reads (scripts/matching-febrl.ts): rec_id,
 * given_name, surname, street_number, address_1, postcode, date_of_birth (YYYYMMDD). EM needs no
 * labels; the thresholds are carried over (the tuned ones unless given), since choosing them
 * needs labelled pairs (scripts/evaluate-matching.ts shows how a choice performs).
 *
 * Input EM can learn nothing from is refused (exit 1, no file written): fewer than MIN_RECORDS
 * people, too few candidate pairs or expected matches, or a comparison whose agreement would
 * count against a match (see estimateProblems).
 */
import { writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfiguredMatchingModel } from '../libs/identity/src/config/configured-matching-model';
import { matchingModelFile } from '../libs/identity/src/config/configured-matching-model';
import { matchingModelFromConfiguration } from '../libs/identity/src/config/matching-model-configuration';
import { DEFAULT_BLOCKING_RULES } from '../libs/identity/src/domain/matching/blocking/blocking-rules';
import {
  COMPARISON_LEVELS,
  COMPARISON_NAMES,
} from '../libs/identity/src/domain/matching/comparisons/comparison-levels';
import { estimateModel, type ModelEstimate } from '../libs/identity/src/domain/matching/model/estimate-model';
import type { LevelParameters } from '../libs/identity/src/domain/matching/model/matching-model';
import { FEBRL_DIRECTORY, loadFebrl } from './matching-febrl';
import { TUNED_THRESHOLDS } from './matching-settings';

export interface FitOptions {
  readonly input: string;
  readonly id: string;
  readonly version: number;
  readonly linkThreshold: number;
  readonly reviewThreshold: number;
}

/**
 * Below this many records u is drawn from too few pairs of strangers, and a handful of look-alikes
 * decides every m: the model would be noise, however cleanly it parses.
 */
export const MIN_RECORDS = 200;
/** EM learns m from the pairs the blocking rules bring together: below this it learns nothing. */
export const MIN_CANDIDATE_PAIRS = 100;
/** The estimate must expect at least this many same-person pairs, or the prior is a floor, not a fit. */
export const MIN_EXPECTED_MATCHES = 5;
/** Carries no evidence by design (estimateModel sets its u to its m). */
const EVIDENCE_FREE = ['nameOrder'];

/**
 * Why the estimate is no model worth deploying: too few candidate pairs or expected matches to
 * estimate from, or a comparison whose agreement (its first level) counts against a match (m ≤ u:
 * the records are mostly one person repeated, or the column is empty or constant).
 */
export function estimateProblems(estimate: ModelEstimate): string[] {
  const problems: string[] = [];
  const pairs = estimate.rules.reduce((total, rule) => total + rule.pairs, 0);
  if (pairs < MIN_CANDIDATE_PAIRS) {
    problems.push(`the blocking rules found ${pairs} candidate pairs: EM needs at least ${MIN_CANDIDATE_PAIRS}`);
  } else if (estimate.expectedMatchingPairs < MIN_EXPECTED_MATCHES) {
    problems.push(
      `EM expects ${estimate.expectedMatchingPairs.toFixed(1)} same-person pairs among them: at least ${MIN_EXPECTED_MATCHES} are needed to estimate m`,
    );
  }
  for (const name of COMPARISON_NAMES.filter((comparison) => !EVIDENCE_FREE.includes(comparison))) {
    const agreement = COMPARISON_LEVELS[name][0];
    const { m, u } = (estimate.model.comparisons[name] as Readonly<Record<string, LevelParameters>>)[agreement] ?? {
      m: 0,
      u: 0,
    };
    if (m <= u) {
      problems.push(
        `comparisons.${name}.${agreement}: m (${m}) is not above u (${u}), so agreeing would count against a match`,
      );
    }
  }
  return problems;
}

/** The fitted model, checked exactly as start-up will check the file. */
export function fitMatchingModel(options: FitOptions): ConfiguredMatchingModel {
  // loadFebrl reads from the FEBRL folder; a path relative to it reaches any file.
  const people = loadFebrl(relative(FEBRL_DIRECTORY, resolve(options.input)));
  if (people.length < MIN_RECORDS) {
    throw new Error(`${options.input} holds ${people.length} people: EM needs at least ${MIN_RECORDS}`);
  }
  const estimate = estimateModel(
    people.map((labelled) => labelled.record),
    DEFAULT_BLOCKING_RULES,
    {
      adjustForNameFrequency: TUNED_THRESHOLDS.adjustForNameFrequency,
      linkThreshold: options.linkThreshold,
      reviewThreshold: options.reviewThreshold,
      description: `EM estimate on ${people.length} records of ${basename(options.input)}`,
    },
  );
  const weak = estimateProblems(estimate);
  if (weak.length > 0) {
    throw new Error(`${options.input}: no model written, the estimate means nothing:\n  ${weak.join('\n  ')}`);
  }
  const { model } = estimate;
  const read = matchingModelFromConfiguration(matchingModelFile({ id: options.id, version: options.version, model }));
  if ('problems' in read) throw new Error(`the fitted model would be refused:\n  ${read.problems.join('\n  ')}`);
  return read.matchingModel;
}

const number = (raw: string | undefined, fallback: number, flag: string): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`${flag} must be a number (got "${raw}")`);
  return value;
};

function main(): void {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      output: { type: 'string' },
      id: { type: 'string' },
      version: { type: 'string' },
      'link-threshold': { type: 'string' },
      'review-threshold': { type: 'string' },
    },
  });
  if (values.input === undefined || values.output === undefined) {
    throw new Error('usage: npm run matching:fit -- --input <people.csv> --output <model.json> [--id <id>]');
  }
  const fitted = fitMatchingModel({
    input: values.input,
    id:
      values.id ??
      `em-${basename(values.input, '.csv')
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, '-')}`,
    version: number(values.version, 1, '--version'),
    linkThreshold: number(values['link-threshold'], TUNED_THRESHOLDS.linkThreshold, '--link-threshold'),
    reviewThreshold: number(values['review-threshold'], TUNED_THRESHOLDS.reviewThreshold, '--review-threshold'),
  });
  writeFileSync(values.output, `${JSON.stringify(matchingModelFile(fitted), null, 2)}\n`);
  const { model } = fitted;
  console.log(
    `wrote ${values.output}: ${fitted.id} version ${fitted.version}, prior ${model.priorMatchProbability.toExponential(3)}, ` +
      `link >= ${model.linkThreshold} bits, review >= ${model.reviewThreshold} bits`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
