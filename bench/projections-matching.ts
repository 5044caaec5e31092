/**
 * Part (b) of the projections benchmark: person matching, reusing the identity context's own
 * benchmark (incremental matching into an empty index; one match against a large index).
 */
import { runMatchingBenchmark, type MatchingBenchmarkResult } from '../libs/identity/src/testing/matching-benchmark';

export interface MatchingSizes {
  readonly referrals: number;
  readonly indexedPeople: number;
  readonly queries: number;
}

export function measureMatching(sizes: MatchingSizes, log?: (line: string) => void): MatchingBenchmarkResult {
  return runMatchingBenchmark({ ...sizes, ...(log === undefined ? {} : { log }) });
}
