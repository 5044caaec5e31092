import type { EventToAppend, RecordedEvent } from './event-envelope';
import type { ExpectedRevision } from './expected-revision';

export interface AppendResult {
  /** Revision of the last event now in the stream (the value to expect on the next append). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
}

/** Events counted after a position, up to a cap. */
export interface EventCount {
  /** The number of events, or the cap when there are more. */
  readonly count: number;
  /** There are more than `count` events: the count stopped at the cap. */
  readonly capped: boolean;
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
  /**
   * Page size. Read a large log in pages of about 1,000: much larger pages keep so many events
   * alive at once that garbage collection, not reading, dominates (10,000 is ~2x slower).
   */
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
  /**
   * Appends atomically, after checking `expected`. Streams are named `<category>-<id>` and event
   * types kebab-case (see naming.ts); otherwise InvalidAppendError.
   *
   * Idempotent: re-sending the same batch (same ids, same content) with the same expectation
   * (a retry after a lost response) writes nothing and returns the original result, even if the
   * stream has moved on since. Content means stream, type, data and metadata except
   * `metadata.recordedAt`, compared after normalising key order. An id already stored with other
   * content, at another place, or for part of the batch only is an EventIdConflictError.
   * A concurrency conflict is a WrongExpectedRevisionError; an unreachable store (outcome
   * unknown: retry with the same ids) is an EventStoreUnavailableError.
   */
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
  /**
   * True when subscriptions learn of appends made by other processes only by polling (the
   * embedded store): a reader that finds such events before its subscription rings is seeing
   * another process's work, not a stalled subscription. Absent: subscriptions are pushed to.
   */
  readonly subscriptionsPoll?: boolean;
  /**
   * The newest event, or undefined for an empty log. Positions cannot be stepped back from (on
   * EventStoreDB `head - 1n` is a byte inside another record, which the server refuses), so this
   * is how to learn what is at the head. Optional like countAfter: call it through `readHeadEvent`.
   */
  headEvent?(): Promise<RecordedEvent | undefined>;
  /**
   * Which log this is, so that positions stored elsewhere (projection checkpoints, audit seals)
   * can be told from another log's: undefined while the log cannot say yet (EventStoreDB with no
   * event of ours). Positions of one log mean nothing in another: a checkpoint from another log
   * may skip events silently. Optional: a store without it is checked by position alone.
   */
  logIdentity?(): Promise<string | undefined>;
  /**
   * How many events readAll would return after `after` (exclusive, like `fromPosition`), counting
   * no further than `cap`: positions are not event counts on every adapter (on EventStoreDB they
   * are byte offsets). Both adapters implement it; it is optional only so that a wrapper which
   * delegates the rest still fits the port: call it through `countEventsAfter` (event-count.ts).
   */
  countAfter?(after: bigint, cap: number): Promise<EventCount>;
  close(): Promise<void>;
}

/** Token under which Nest modules provide the configured adapter. */
export const EVENT_STORE = Symbol('EventStore');
