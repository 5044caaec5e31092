export { generateSyntheticPeople, type SyntheticPersonRecord, type SyntheticPeopleOptions } from './synthetic-people';
export { evaluateIncrementally, type LabelledRecord, type PairwiseReport } from './pairwise-evaluation';
export {
  runMatchingBenchmark,
  type MatchingBenchmarkOptions,
  type MatchingBenchmarkResult,
  type LatencySummary,
} from './matching-benchmark';
export { SeededRandom } from './seeded-random';
