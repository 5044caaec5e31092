import { eventSize, MAX_APPEND_BYTES } from '../port/append-limits';
import { AppendTooLargeError, InvalidAppendError } from '../port/errors';
import type { EventMetadata, EventToAppend } from '../port/event-envelope';
import type { ExpectedRevision } from '../port/expected-revision';
import { isValidEventId, isValidEventType, isValidStreamName } from '../port/naming';
import { toJsonText } from './json-text';
import { MAX_INT64 } from './read-options';

/**
 * Most events one append may carry: refused before anything is serialised. Events with the
 * required metadata take well over 100 bytes each, so MAX_APPEND_BYTES refuses an append long
 * before it has this many.
 */
export const MAX_EVENTS_PER_APPEND = 10_000;

/** An event as it will be stored and sent: data and metadata as the JSON text they were validated as. */
export interface SerialisedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Rejects a malformed or oversized append before any I/O, identically in every adapter, and
 * returns its events serialised: the text that was measured is the text that is stored, even if
 * the caller changes its objects while the append waits. Checks run on the runtime values
 * because appends are fed from HTTP bodies and jobs, not only from typed code.
 */
export function validateAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): SerialisedEvent[] {
  checkShape(stream, events, expected);
  let size = 0;
  const serialised = events.map((event) => {
    const text: SerialisedEvent = {
      id: event.id,
      type: event.type,
      data: toJsonText(event.data, `event ${event.id} data`),
      metadata: toJsonText(event.metadata, `event ${event.id} metadata`),
    };
    size += eventSize(text.type, text.data, text.metadata);
    return text;
  });
  if (size > MAX_APPEND_BYTES) throw new AppendTooLargeError(stream, size, MAX_APPEND_BYTES);
  return serialised;
}

function checkShape(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof stream !== 'string' || !isValidStreamName(stream)) {
    throw new InvalidAppendError(`stream name ${JSON.stringify(stream)} is not <lowercase-category>-<id>`);
  }
  validateExpected(expected);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError(`append to ${stream}: no events`);
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`append to ${stream}: ${events.length} events exceed ${MAX_EVENTS_PER_APPEND}`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    validateEvent(stream, event);
    if (ids.has(event.id)) throw new InvalidAppendError(`append to ${stream}: event id ${event.id} appears twice`);
    ids.add(event.id);
  }
}

function validateExpected(expected: unknown): void {
  if (expected === 'no-stream' || expected === 'stream-exists' || expected === 'any') return;
  // Revisions are int64 on both stores; on EventStoreDB's wire 2^64 - 1 means "no stream".
  if (typeof expected === 'bigint' && expected >= 0n && expected <= MAX_INT64) return;
  throw new InvalidAppendError(
    `expected revision must be 'no-stream', 'stream-exists', 'any' or a bigint from 0n to 2^63 - 1, got ${String(expected)}`,
  );
}

function validateEvent(stream: string, event: unknown): asserts event is EventToAppend {
  if (!isRecord(event)) throw new InvalidAppendError(`append to ${stream}: an event is not an object`);
  const { id, type, data, metadata } = event;
  if (typeof id !== 'string' || !isValidEventId(id)) {
    throw new InvalidAppendError(`append to ${stream}: event id ${String(id)} is not a lowercase UUID`);
  }
  if (typeof type !== 'string' || !isValidEventType(type)) {
    throw new InvalidAppendError(`event ${id}: type ${JSON.stringify(type)} is not kebab-case`);
  }
  // Data is a JSON object: EventStoreDB stores JSON documents, a bare number or null would not
  // survive its client's typing, and its adapter reads an event whose data is an array as not ours.
  if (!isRecord(data)) throw new InvalidAppendError(`event ${id}: data must be an object, not an array or a value`);
  validateMetadata(id, metadata);
}

function validateMetadata(id: string, metadata: unknown): void {
  const problem = metadataProblem(metadata);
  if (problem !== undefined) throw new InvalidAppendError(`event ${id}: ${problem}`);
}

/** What is wrong with a value meant to be {@link EventMetadata}, or undefined when nothing is. */
export function metadataProblem(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) return 'metadata must be an object';
  const actor = metadata['actor'];
  if (
    !isRecord(actor) ||
    typeof actor['id'] !== 'string' ||
    typeof actor['name'] !== 'string' ||
    typeof actor['agency'] !== 'string' ||
    !Array.isArray(actor['roles']) ||
    !actor['roles'].every((role) => typeof role === 'string')
  ) {
    return 'metadata.actor must have id, name, agency and roles';
  }
  for (const field of ['correlationId', 'causationId', 'occurredAt', 'recordedAt'] as const) {
    const value = metadata[field];
    if (typeof value !== 'string' || value.length === 0) return `metadata.${field} must be a non-empty string`;
  }
  const schemaVersion = metadata['schemaVersion'];
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return 'metadata.schemaVersion must be a positive integer';
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isEventMetadata(value: unknown): value is EventMetadata {
  return metadataProblem(value) === undefined;
}
