import type { ExpectedRevision } from '../port/expected-revision';

/** Whether a stream whose last revision is `current` (-1n when it has no events) satisfies `expected`. */
export function satisfiesExpected(current: bigint, expected: ExpectedRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current < 0n;
  if (expected === 'stream-exists') return current >= 0n;
  return current === expected;
}

export function actualRevision(current: bigint): bigint | 'no-stream' {
  return current < 0n ? 'no-stream' : current;
}
