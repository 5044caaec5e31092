import type { EventToAppend, RecordedEvent } from './event-envelope';
import type { ExpectedRevision } from './expected-revision';

export interface AppendResult {
  /** Revision of the last event now in the stream (the value to expect on the next append). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Revision to start from (inclusive). Defaults to the start (forwards) or end (backwards). */
  readonly from?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events whose global position is strictly greater than this checkpoint. */
  readonly fromPosition?: bigint;
  readonly maxCount?: number;
}

export interface SubscriptionFilter {
  /** Only events whose stream starts with one of these prefixes (e.g. `case-`). */
  readonly streamPrefixes?: readonly string[];
  /** Only events of these types. */
  readonly eventTypes?: readonly string[];
}

export interface SubscribeAllOptions {
  /** Deliver events strictly after this position; omit to start at the beginning of the log. */
  readonly fromPosition?: bigint;
  readonly filter?: SubscriptionFilter;
}

/**
 * A catch-up-then-live subscription to the global log. Iterate with `for await`; the next
 * event is fetched only when asked for, so a slow consumer holds back reading, not memory.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expected: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /** Global position of the newest event, or -1n for an empty log. */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** Token under which Nest modules provide the configured adapter. */
export const EVENT_STORE = Symbol('EventStore');
