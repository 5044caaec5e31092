/**
 * Accuracy and speed of the person matcher (npm run eval:matching).
 *
 * Accuracy: records arrive one by one like referrals; each is matched against everything before
 * it and indexed under the linked person or a new one. Pairwise precision/recall of automatic
 * links, and recall of links plus review proposals, on:
 *  1. the synthetic UK evaluation set (seed differs from the training set's);
 *  2. FEBRL dataset3 (deduplication) and dataset4a+4b (linkage), with a model estimated by EM on
 *     the FEBRL records themselves (unsupervised) and, for comparison, the default UK model.
 * Speed: incremental throughput for 100,000 referrals and p99 latency against 200,000 people.
 *
 * Flags: --skip-benchmark, --skip-febrl, --errors (print false links and misses).
 */
import { DEFAULT_BLOCKING_RULES } from '../libs/identity/src/domain/matching/blocking/blocking-rules';
import { DEFAULT_MATCHING_MODEL } from '../libs/identity/src/domain/matching/model/default-matching-model';
import { estimateModel } from '../libs/identity/src/domain/matching/model/estimate-model';
import type { MatchingModel } from '../libs/identity/src/domain/matching/model/matching-model';
import { PersonMatcher } from '../libs/identity/src/domain/matching/person-matcher';
import { runMatchingBenchmark } from '../libs/identity/src/testing/matching-benchmark';
import {
  evaluateIncrementally,
  type LabelledRecord,
  type PairwiseReport,
} from '../libs/identity/src/testing/pairwise-evaluation';
import { generateSyntheticPeople } from '../libs/identity/src/testing/synthetic-people';
import { FEBRL_DIRECTORY, febrlAvailable, loadFebrl } from './matching-febrl';
import { EVALUATION_RECORDS, EVALUATION_SEED, TUNED_THRESHOLDS } from './matching-settings';

const GOALS = { linkPrecision: 0.995, linkOrReviewRecall: 0.98 };
const args = new Set(process.argv.slice(2));
const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

function printReport(title: string, report: PairwiseReport, seconds: number): boolean {
  const meets = report.linkPrecision >= GOALS.linkPrecision && report.linkOrReviewRecall >= GOALS.linkOrReviewRecall;
  console.log(`\n${title}`);
  console.log(
    `  ${report.records} records, ${report.truePeople} true people, ${report.truePairs} true pairs; ` +
      `decisions link ${report.decisions.link} / review ${report.decisions.review} / new ${report.decisions.new} (${seconds.toFixed(1)} s)`,
  );
  console.log(
    `  automatic links: precision ${percent(report.linkPrecision)} (${report.correctlyLinkedPairs}/${report.linkedPairs} pairs), ` +
      `recall ${percent(report.linkRecall)}`,
  );
  console.log(
    `  links + review proposals: recall ${percent(report.linkOrReviewRecall)}; review queue ${report.reviewProposals} ` +
      `person pairs, ${report.correctReviewProposals} of them true`,
  );
  console.log(
    `  goals (precision >= ${percent(GOALS.linkPrecision)}, recall with review >= ${percent(GOALS.linkOrReviewRecall)}): ` +
      (meets ? 'met' : 'NOT met'),
  );
  if (args.has('--errors')) {
    const show = ([a, b]: readonly [LabelledRecord, LabelledRecord]): string =>
      `    ${JSON.stringify(a.record)} ${a.distortions?.join(',') ?? ''}\n    ${JSON.stringify(b.record)} ${b.distortions?.join(',') ?? ''}`;
    report.falseLinks.slice(0, 10).forEach((pair) => console.log(`  FALSE LINK\n${show(pair)}`));
    report.missedPairs.slice(0, 10).forEach((pair) => console.log(`  MISSED\n${show(pair)}`));
  }
  return meets;
}

function evaluate(title: string, model: MatchingModel, records: readonly LabelledRecord[]): boolean {
  const started = Date.now();
  const report = evaluateIncrementally(new PersonMatcher(model), records);
  return printReport(title, report, (Date.now() - started) / 1000);
}

function febrlModel(records: readonly LabelledRecord[]): MatchingModel {
  return estimateModel(
    records.map((labelled) => labelled.record),
    DEFAULT_BLOCKING_RULES,
    { ...TUNED_THRESHOLDS, description: 'EM on the FEBRL records themselves' },
  ).model;
}

let allMet = true;
console.log(`Default model: ${DEFAULT_MATCHING_MODEL.description}`);
console.log(
  `Thresholds: link >= ${DEFAULT_MATCHING_MODEL.linkThreshold} bits, review >= ${DEFAULT_MATCHING_MODEL.reviewThreshold} bits`,
);

const synthetic = generateSyntheticPeople({ seed: EVALUATION_SEED, records: EVALUATION_RECORDS });
allMet = evaluate(`Synthetic UK referrals (seed "${EVALUATION_SEED}")`, DEFAULT_MATCHING_MODEL, synthetic) && allMet;

if (args.has('--skip-febrl')) console.log('\nFEBRL: skipped (--skip-febrl)');
else if (!febrlAvailable()) console.log(`\nFEBRL: skipped, files not found in ${FEBRL_DIRECTORY}`);
else {
  const dataset3 = loadFebrl('dataset3.csv');
  const dataset4 = [...loadFebrl('dataset4a.csv', 'a:'), ...loadFebrl('dataset4b.csv', 'b:')];
  allMet = evaluate('FEBRL dataset3 (dedup), EM on dataset3', febrlModel(dataset3), dataset3) && allMet;
  allMet = evaluate('FEBRL dataset4a+4b (linkage), EM on dataset4', febrlModel(dataset4), dataset4) && allMet;
  evaluate('FEBRL dataset3 with the default UK model (for comparison only)', DEFAULT_MATCHING_MODEL, dataset3);
  evaluate('FEBRL dataset4a+4b with the default UK model (for comparison only)', DEFAULT_MATCHING_MODEL, dataset4);
}

if (!args.has('--skip-benchmark')) {
  console.log('\nBenchmark (synthetic, default model)');
  const result = runMatchingBenchmark({ log: (line) => console.log(`  ${line}`) });
  console.log(
    `  incremental matching: ${result.referrals} referrals into an empty index in ${result.referralSeconds.toFixed(1)} s ` +
      `= ${Math.round(result.referralsPerSecond)} records/s`,
  );
  console.log(
    `  index: ${result.indexedPeople} people (${result.indexedRecords} records) indexed in ${result.indexSeconds.toFixed(1)} s`,
  );
  const { p50, p95, p99, max } = result.latencyMs;
  console.log(
    `  match one record against ${result.indexedPeople} people (${result.queries} queries): ` +
      `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${max.toFixed(2)} ms ` +
      `(goal p99 < 10 ms: ${p99 < 10 ? 'met' : 'NOT met'})`,
  );
}

if (!allMet) process.exitCode = 1;
