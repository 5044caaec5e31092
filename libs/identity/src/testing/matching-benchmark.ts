import { performance } from 'node:perf_hooks';
import type { MatchingModel } from '../domain/matching/model/matching-model';
import { DEFAULT_MATCHING_MODEL } from '../domain/matching/model/default-matching-model';
import { PersonMatcher } from '../domain/matching/person-matcher';
import { percentile, type LatencySummary } from './latency-summary';
import { addCommonNameCrowd, measureWorstCases, worstCaseQueries, type WorstCaseFigures } from './matching-worst-cases';
import { generateSyntheticPeople, type SyntheticPersonRecord } from './synthetic-people';

export type { LatencySummary } from './latency-summary';

export interface MatchingBenchmarkOptions {
  /** Referrals fed one by one (match, then index) into an empty matcher. Default 100,000. */
  readonly referrals?: number;
  /** People indexed before measuring single-match latency. Default 200,000. */
  readonly indexedPeople?: number;
  /** Records matched (not indexed) against the full index to measure latency. Default 2,000. */
  readonly queries?: number;
  /** Queries per worst case (see `matching-worst-cases.ts`). Default a tenth of `queries`. */
  readonly worstCaseQueries?: number;
  readonly seed?: string;
  readonly model?: MatchingModel;
  /** Progress lines (e.g. `console.log`); silent by default. */
  readonly log?: (line: string) => void;
}

export interface MatchingBenchmarkResult {
  readonly referrals: number;
  readonly referralSeconds: number;
  /** Incremental matching throughput: records matched and indexed per second. */
  readonly referralsPerSecond: number;
  readonly indexedPeople: number;
  readonly indexedRecords: number;
  /** Seconds to index the population (records added without matching). */
  readonly indexSeconds: number;
  readonly queries: number;
  /** Milliseconds to match one record against the full index. */
  readonly latencyMs: LatencySummary;
  readonly meanCandidatesListed: number;
  /**
   * The costliest matches (a common name born on 1 January, with and without aliases), timed
   * after a crowd of such names joins the index (`addCommonNameCrowd`).
   */
  readonly worstCases: readonly WorstCaseFigures[];
  /** People in the index when the worst cases were timed (the crowd included). */
  readonly worstCasePeople: number;
}

/** Feeds referrals incrementally: each is matched against all earlier ones, then indexed. */
function measureThroughput(records: readonly SyntheticPersonRecord[], model: MatchingModel): number {
  const matcher = new PersonMatcher(model);
  let nextPerson = 0;
  const started = performance.now();
  for (const { record } of records) {
    const result = matcher.match(record);
    matcher.add(
      record,
      result.decision === 'link' && result.personId !== undefined ? result.personId : `P${++nextPerson}`,
    );
  }
  return (performance.now() - started) / 1000;
}

/**
 * The identity benchmark: throughput of incremental matching into an empty index, p50/p99
 * latency of matching one record against a large index of people, and the same for the worst
 * cases (`matching-worst-cases.ts`) once a crowd of common names joins the index. Exported so the projections
 * benchmark can run it alongside its own figures. Synthetic data only.
 */
export function runMatchingBenchmark(options: MatchingBenchmarkOptions = {}): MatchingBenchmarkResult {
  const log = options.log ?? (() => undefined);
  const model = options.model ?? DEFAULT_MATCHING_MODEL;
  const referrals = options.referrals ?? 100_000;
  const indexedPeople = options.indexedPeople ?? 200_000;
  const queries = options.queries ?? 2_000;
  const seed = options.seed ?? 'identity-benchmark-v1';

  log(`generating ${referrals} referrals ...`);
  const referralRecords = generateSyntheticPeople({ seed: `${seed}-referrals`, records: referrals });
  log('matching referrals incrementally ...');
  const referralSeconds = measureThroughput(referralRecords, model);

  // Enough records for the wanted number of distinct people, plus records left over to query.
  log(`generating records for ${indexedPeople} people ...`);
  const population = generateSyntheticPeople({
    seed: `${seed}-population`,
    records: Math.ceil(indexedPeople * 1.95) + queries * 2,
  });
  const matcher = new PersonMatcher(model);
  // Queries: half are further records of indexed people (held back), half are new people.
  const repeatQueries: SyntheticPersonRecord[] = [];
  const newPeopleQueries: SyntheticPersonRecord[] = [];
  let indexedRecords = 0;
  const indexStarted = performance.now();
  for (const labelled of population) {
    const known = matcher.recordIdsOf(labelled.truthId).length > 0;
    if (known && repeatQueries.length < queries / 2 && indexedRecords % 2 === 0) repeatQueries.push(labelled);
    else if (known || matcher.personCount < indexedPeople) {
      matcher.add(labelled.record, labelled.truthId);
      indexedRecords++;
    } else if (newPeopleQueries.length < queries / 2) newPeopleQueries.push(labelled);
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const querySet = [...repeatQueries, ...newPeopleQueries];
  log(`indexed ${matcher.personCount} people (${indexedRecords} records); timing ${querySet.length} matches ...`);
  for (const { record } of querySet.slice(0, 200)) matcher.match(record); // warm-up for the JIT
  const timings: number[] = [];
  let candidates = 0;
  for (const { record } of querySet) {
    const started = performance.now();
    const result = matcher.match(record);
    timings.push(performance.now() - started);
    candidates += result.candidates.length;
  }
  timings.sort((a, b) => a - b);
  const peopleTimed = matcher.personCount;
  const perWorstCase = options.worstCaseQueries ?? Math.max(1, Math.round(queries / 10));
  const crowd = addCommonNameCrowd(matcher, indexedPeople, seed);
  log(`added ${crowd} people with common names born on 1 January; timing ${perWorstCase} matches per worst case ...`);
  const worstCases = measureWorstCases(matcher, worstCaseQueries(perWorstCase, seed));
  return {
    referrals,
    referralSeconds,
    referralsPerSecond: referrals / referralSeconds,
    indexedPeople: peopleTimed,
    indexedRecords,
    indexSeconds,
    queries: querySet.length,
    latencyMs: {
      p50: percentile(timings, 50),
      p95: percentile(timings, 95),
      p99: percentile(timings, 99),
      max: timings[timings.length - 1] ?? 0,
    },
    meanCandidatesListed: querySet.length === 0 ? 0 : candidates / querySet.length,
    worstCases,
    worstCasePeople: matcher.personCount,
  };
}
