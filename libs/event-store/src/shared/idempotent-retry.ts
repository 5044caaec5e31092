import { EventIdConflictError } from '../port/errors';
import type { EventToAppend } from '../port/event-envelope';
import type { AppendResult } from '../port/event-store';
import { describeExpected, type ExpectedRevision } from '../port/expected-revision';
import { asStored, canonicalJson } from './canonical-json';
import { isRecord } from './validate-append';

/** An already stored event, as much of it as deciding "is this a retry?" needs. */
export interface StoredEventContent {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * Metadata fields ignored when comparing a retry with what is stored: `recordedAt` is the server
 * clock at append time, and a client re-sending the same command after a lost response restamps
 * it. Everything else (type, data, stream, actor, correlation, causation, occurredAt,
 * schemaVersion, extra metadata) must match exactly, after key order is normalised.
 */
export const METADATA_FIELDS_IGNORED_ON_RETRY: readonly string[] = ['recordedAt'];

/**
 * Decides whether an append whose ids are (partly) stored already is a client retry.
 * `stored[i]` is the stored event with `events[i].id`, or undefined.
 * Returns the original result for a faithful retry, undefined when none of the ids is stored,
 * and throws EventIdConflictError when ids are re-used for different content or positions.
 */
export function recognizeRetry(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly (StoredEventContent | undefined)[],
): AppendResult | undefined {
  const present = stored.filter((event): event is StoredEventContent => event !== undefined);
  if (present.length === 0) return undefined;
  if (present.length !== events.length) {
    throw new EventIdConflictError(
      (present[0] as StoredEventContent).id,
      'only part of this batch is already stored; a retry must re-send exactly the original batch',
    );
  }
  const first = present[0] as StoredEventContent;
  events.forEach((event, index) => {
    const existing = present[index] as StoredEventContent;
    const difference = contentDifference(existing, stream, event);
    if (difference !== undefined) throw new EventIdConflictError(event.id, difference);
    if (existing.revision !== first.revision + BigInt(index)) {
      throw new EventIdConflictError(event.id, 'already stored, but not as part of this batch in this order');
    }
  });
  if (!expectationHeldFor(first.revision, expected)) {
    throw new EventIdConflictError(
      first.id,
      `already stored at revision ${first.revision}, which an append expecting ${describeExpected(expected)} could not have written`,
    );
  }
  const last = present[present.length - 1] as StoredEventContent;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** Why the stored event is not the proposed one, or undefined when they are the same event. */
export function contentDifference(
  existing: StoredEventContent,
  stream: string,
  proposed: EventToAppend,
): string | undefined {
  if (existing.stream !== stream) return `already stored in stream ${existing.stream}`;
  if (existing.type !== proposed.type) return `already stored with type ${existing.type}`;
  if (canonicalJson(existing.data) !== canonicalJson(asStored(proposed.data))) return 'already stored with other data';
  if (comparableMetadata(existing.metadata) !== comparableMetadata(asStored(proposed.metadata))) {
    return 'already stored with other metadata';
  }
  return undefined;
}

function comparableMetadata(metadata: unknown): string {
  if (!isRecord(metadata)) return canonicalJson(metadata);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_FIELDS_IGNORED_ON_RETRY.includes(key)) kept[key] = value;
  }
  return canonicalJson(kept);
}

/** Could an append made with `expected` have put its first event at `firstRevision`? */
function expectationHeldFor(firstRevision: bigint, expected: ExpectedRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return firstRevision === 0n;
  if (expected === 'stream-exists') return firstRevision > 0n;
  return firstRevision === expected + 1n;
}
