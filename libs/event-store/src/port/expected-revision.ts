/**
 * What the writer believes about the stream before appending:
 * - `no-stream`: the stream must not exist yet;
 * - `stream-exists`: it must have at least one event;
 * - `any`: no check;
 * - a bigint: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | bigint;

export function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}
