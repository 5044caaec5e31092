import {
  BACKWARDS,
  END,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
  type JSONType,
} from '@eventstore/db-client';
import { eventSize } from '../port/append-limits';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../port/errors';
import type { EventToAppend, RecordedEvent } from '../port/event-envelope';
import { cappedCount, checkCap } from '../port/event-count';
import type {
  AppendResult,
  EventCount,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeAllOptions,
  Subscription,
} from '../port/event-store';
import type { ExpectedRevision } from '../port/expected-revision';
import { recognizeRetry, type StoredEventContent } from '../shared/idempotent-retry';
import { checkMaxCount, checkPosition, checkRevision } from '../shared/read-options';
import { validateAppend, type SerialisedEvent } from '../shared/validate-append';
import { createClient, type ClientSettings } from './client-settings';
import { isMissingStream, translateAppendError, translateClientError } from './client-errors';
import { fromClientCurrentRevision, toClientExpectedRevision } from './expected-revision-mapping';
import { ForeignEventReports, refuseForeignEvent, type ForeignEventReporter } from './foreign-events';
import { commitPosition, toRecordedEvent } from './recorded-events';
import { EventStoreDbSubscription, warnOfDrop, type ResubscribeSettings } from './eventstoredb-subscription';
import { readAllForwards } from './read-all-forwards';
import { readStreamPages } from './read-stream-pages';
import { armReadDeadline, CLIENT_DEFAULT_DEADLINE_MS, withAppendDeadline } from './read-deadline';

export interface EventStoreDbEventStoreOptions extends ClientSettings {
  readonly subscription?: Partial<ResubscribeSettings>;
  /** Told once per stream category and type about events named like ours that we did not write. Default: a process warning. */
  readonly onForeignEvent?: ForeignEventReporter;
}

/** Events per readAll call: small enough to finish well within a deadline. */
const READ_ALL_CHUNK = 4_096;

/** Events per backwards call looking for the head: usually the first is ours. */
const HEAD_CHUNK = 256;

/** What the last search for the head found, and where $all ended then. */
interface KnownHead {
  readonly end: bigint;
  readonly event: RecordedEvent | undefined;
}

const DEFAULT_RESUBSCRIBE: ResubscribeSettings = {
  bufferSize: 256,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  onDrop: warnOfDrop,
};

/**
 * The distributed adapter. Global positions are commit positions in the server's transaction
 * log: strictly increasing and unique per event appended over gRPC, but not gap-free and not
 * starting at 0. Only events that are ours (JSON, our stream and type naming, our metadata) are
 * ever returned. Reading $all (readAll, subscriptions, countAfter, headPosition) skips system
 * events (`$`-prefixed) and other applications' events, even those named like ours (reported once
 * per category and type). readStream refuses a stream holding an event that is not ours
 * (ForeignEventInStreamError): skipping it would hide part of the stream's history.
 *
 * Idempotency: the server answers a re-sent batch (same ids at the same expected revision) with
 * success and writes nothing, whatever the content. Every successful append is therefore
 * confirmed by reading the appended revisions back: that yields the original result for a
 * faithful retry and an EventIdConflictError for re-used ids with other content. The server only
 * checks ids where the retry would land, so unlike the embedded store an id re-used in another
 * stream is not detected, and a retry expecting `any` is recognised only on a best-effort basis;
 * one it refuses as only partly stored is found in the stream and reported as on SQLite (overlapOf).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly resubscribe: ResubscribeSettings;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly foreign: ForeignEventReports;
  private readonly deadlineMs: number;
  private knownHead: KnownHead | undefined;
  private identity: string | undefined;
  private identitySearch: Promise<string | undefined> | undefined;
  /** No event of ours is at or before this commit position (see searchIdentity). */
  private identitySearchedTo: bigint | undefined;
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = createClient(options);
    this.deadlineMs = options.defaultDeadlineMs ?? CLIENT_DEFAULT_DEADLINE_MS;
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.subscription };
    this.foreign = new ForeignEventReports(options.onForeignEvent);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expected: ExpectedRevision },
  ): Promise<AppendResult> {
    this.ensureOpen();
    const { expected } = options;
    const serialised = validateAppend(stream, events, expected);
    const proposed = serialised.map(asJsonEvent);
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await withAppendDeadline(
        this.client.appendToStream(stream, proposed, { expectedRevision: toClientExpectedRevision(expected) }),
        this.deadlineMs,
      ));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw translateAppendError(error, stream, sizeOf(serialised));
      // Refused: but a partial overlap with stored ids is an id conflict, not a concurrency one.
      const actual = fromClientCurrentRevision(error.actualVersion);
      const original =
        firstRevisionFor(expected) === undefined
          ? await this.overlapOf(stream, events, expected, actual)
          : await this.retryAt(stream, events, expected, firstRevisionFor(expected));
      if (original !== undefined) return original;
      throw new WrongExpectedRevisionError(stream, expected, actual);
    }
    // With a definite expectation the batch can only be right after it (a replay included,
    // whatever revision the server reports for one); otherwise trust the reported revision.
    const firstRevision = firstRevisionFor(expected) ?? nextExpectedRevision - BigInt(events.length) + 1n;
    const stored = await this.retryAt(stream, events, expected, firstRevision);
    if (stored === undefined) {
      throw new Error(`append to ${stream} acknowledged, but its events are not at revision ${firstRevision}`);
    }
    return stored;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const maxCount = checkMaxCount(options.maxCount);
    const from = checkRevision(options.from);
    if (maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    const pages = readStreamPages(
      this.client,
      stream,
      {
        direction: options.direction === 'backwards' ? 'backwards' : 'forwards',
        ...(from === undefined ? {} : { from }),
        ...(maxCount === undefined ? {} : { maxCount }),
        operation: 'readStream',
      },
      this.deadlineMs,
    );
    try {
      for await (const resolved of pages) {
        const event = toRecordedEvent(resolved, refuseForeignEvent);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      if (isMissingStream(error)) return [];
      throw translateClientError(error, 'readStream');
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const after = checkPosition(options.fromPosition);
    const maxCount = checkMaxCount(options.maxCount) ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (maxCount === 0) return events;
    // maxCount counts our events, the server's counts system events too: read in chunks.
    const chunkSize = Math.min(Math.max(maxCount, 64), READ_ALL_CHUNK);
    try {
      for await (const resolved of readAllForwards(this.client, after, chunkSize, this.deadlineMs)) {
        const event = toRecordedEvent(resolved, this.foreign.skipped);
        if (event === undefined) continue;
        events.push(event);
        if (events.length >= maxCount) break;
      }
    } catch (error) {
      throw translateClientError(error, 'readAll');
    }
    return events;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    this.ensureOpen();
    checkPosition(options.fromPosition);
    const subscription = new EventStoreDbSubscription(
      this.client,
      options,
      this.resubscribe,
      (closed) => this.subscriptions.delete(closed),
      this.foreign.skipped,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * The id of the first event of ours in $all: stable for as long as the log is (a restored
   * backup keeps it, a new cluster or a wiped one does not), and kept once found. Undefined
   * while no event of ours has been written: the head search says so, reading only what is new
   * since it last looked, so the projector's rounds and the sealer's do not re-read a shared
   * cluster's other events. Callers asking together share one search.
   */
  async logIdentity(): Promise<string | undefined> {
    this.ensureOpen();
    if (this.identity !== undefined) return this.identity;
    this.identitySearch ??= this.searchIdentity().finally(() => {
      this.identitySearch = undefined;
    });
    return this.identitySearch;
  }

  /**
   * Reads $all forwards, in calls of READ_ALL_CHUNK, from where no event of ours was found
   * before (an earlier search, or the head search's end) up to the first one: each event before
   * it is read once per process, even when a search is cut short by an error.
   */
  private async searchIdentity(): Promise<string | undefined> {
    // The head this search found, not this.knownHead: a headPosition finishing meanwhile may have
    // moved that past an event of ours that this search did not see.
    const head = await this.searchHead();
    if (head?.event === undefined) {
      this.identitySearchedTo = head?.end ?? this.identitySearchedTo;
      return undefined;
    }
    try {
      for await (const resolved of readAllForwards(
        this.client,
        this.identitySearchedTo,
        READ_ALL_CHUNK,
        this.deadlineMs,
      )) {
        const event = toRecordedEvent(resolved, this.foreign.skipped);
        if (event !== undefined) {
          // As on SQLite, the id alone may be derived; the server's created time is its own.
          const created = resolved.event?.created.toISOString() ?? '';
          this.identity = `eventstoredb:${event.id}:${event.metadata.recordedAt}:${created}`;
          return this.identity;
        }
        this.identitySearchedTo = commitPosition(resolved);
      }
    } catch (error) {
      throw translateClientError(error, 'logIdentity');
    }
    return undefined;
  }

  async headPosition(): Promise<bigint> {
    return (await this.headEvent())?.position ?? -1n;
  }

  /**
   * Reads $all backwards from its end in calls of HEAD_CHUNK, each under the deadline, up to the
   * first event of ours. System and other applications' events after it are read once: the next
   * search stops where $all ended at this one (that very event, so a log replaced meanwhile is
   * searched afresh), which makes the frequent calls (the sealer, /ready) one short read.
   */
  async headEvent(): Promise<RecordedEvent | undefined> {
    return (await this.searchHead())?.event;
  }

  /** The head search (see headEvent): what it found and where $all ended, undefined for an empty $all. */
  private async searchHead(): Promise<KnownHead | undefined> {
    this.ensureOpen();
    const known = this.knownHead;
    let end: bigint | undefined;
    let before: bigint | undefined;
    try {
      for (;;) {
        const read = this.client.readAll({
          direction: BACKWARDS,
          fromPosition: before === undefined ? END : { commit: before, prepare: before },
          maxCount: HEAD_CHUNK,
        });
        const deadline = armReadDeadline(read, this.deadlineMs, 'headPosition');
        let received = 0;
        try {
          for await (const resolved of read) {
            received++;
            const position = commitPosition(resolved);
            if (before !== undefined && position >= before) continue;
            before = position;
            end ??= position;
            if (known !== undefined && position === known.end) return this.remember(end, known.event);
            const event = toRecordedEvent(resolved, this.foreign.skipped);
            if (event !== undefined) return this.remember(end, event);
          }
        } finally {
          await deadline.end().catch(() => undefined);
        }
        if (received < HEAD_CHUNK) return this.remember(end, undefined);
      }
    } catch (error) {
      throw translateClientError(error, 'headPosition');
    }
  }

  private remember(end: bigint | undefined, event: RecordedEvent | undefined): KnownHead | undefined {
    this.knownHead = end === undefined ? undefined : { end, event };
    return this.knownHead;
  }

  /**
   * Commit positions are byte offsets, not event numbers: the events are read and counted, at most
   * cap + 1 of ours (system and foreign events are skipped as readAll skips them), in chunks no larger than needed.
   */
  async countAfter(after: bigint, cap: number): Promise<EventCount> {
    this.ensureOpen();
    const from = checkPosition(after);
    checkCap(cap);
    let counted = 0;
    try {
      for await (const resolved of readAllForwards(
        this.client,
        from,
        Math.min(Math.max(cap + 1, 64), READ_ALL_CHUNK),
        this.deadlineMs,
      )) {
        if (toRecordedEvent(resolved, this.foreign.skipped) === undefined) continue;
        if (++counted > cap) break;
      }
    } catch (error) {
      throw translateClientError(error, 'countAfter');
    }
    return cappedCount(counted, cap);
  }

  /** Ends every subscription and releases the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Reads the revisions where `events` would have landed and matches them by id: the original
   * result for a faithful retry (or the append just made), undefined when none of the ids is
   * there, EventIdConflictError when ids are there with other content or in other places.
   */
  private async retryAt(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    firstRevision: bigint | undefined,
  ): Promise<AppendResult | undefined> {
    if (firstRevision === undefined) return undefined;
    const landed = await this.readFromLeader(stream, firstRevision, events.length);
    const byId = new Map(landed.map((event) => [event.id, event]));
    const stored = events.map((event): StoredEventContent | undefined => byId.get(event.id));
    return recognizeRetry(stream, events, expected, stored);
  }

  /**
   * The leader has every acknowledged write; a follower the connection may prefer could lag. Only
   * ids are compared: an event not ours there is simply not one of the batch's.
   */
  private async readFromLeader(stream: string, from: bigint, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const pages = readStreamPages(
      this.client,
      stream,
      { direction: 'forwards', from, maxCount, requiresLeader: true, operation: 'append' },
      this.deadlineMs,
    );
    try {
      for await (const resolved of pages) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      if (isMissingStream(error)) return [];
      throw translateClientError(error, 'append');
    }
    return events;
  }

  /**
   * Why an append expecting `any` or `stream-exists` was refused. The server refuses those
   * expectations only for a missing stream (`stream-exists`) or when the batch's first id is in
   * the stream and a later one is not ("corrupted idempotency", IndexWriter.CheckCommit): a partial
   * retry, an id conflict on SQLite. Its revision is unknown, but the server found it in its cache
   * of recent writes, so the stream is read back from its end, on the leader, until the first id
   * turns up; what was found of the batch decides as on SQLite (recognizeRetry). Undefined when it
   * is not found: the refusal stays a WrongExpectedRevisionError.
   */
  private async overlapOf(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    actual: bigint | 'no-stream',
  ): Promise<AppendResult | undefined> {
    if (actual === 'no-stream') return undefined;
    const wanted = new Set(events.map((event) => event.id));
    const found = new Map<string, RecordedEvent>();
    const pages = readStreamPages(
      this.client,
      stream,
      { direction: 'backwards', requiresLeader: true, operation: 'append' },
      this.deadlineMs,
    );
    try {
      for await (const resolved of pages) {
        const event = toRecordedEvent(resolved);
        if (event === undefined || !wanted.has(event.id)) continue;
        found.set(event.id, event);
        if (event.id === events[0]?.id) break;
      }
    } catch (error) {
      if (isMissingStream(error)) return undefined;
      throw translateClientError(error, 'append');
    }
    return recognizeRetry(
      stream,
      events,
      expected,
      events.map((event) => found.get(event.id)),
    );
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
  }
}

/** Where the first event of an append with this expectation must be, when that is knowable. */
function firstRevisionFor(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no-stream') return 0n;
  return typeof expected === 'bigint' ? expected + 1n : undefined;
}

/**
 * The event as validated and measured: metadata goes as those very bytes; data as the value its
 * text parses to, which the client serialises back to the same text (it always stringifies JSON data).
 */
function asJsonEvent(event: SerialisedEvent): ReturnType<typeof jsonEvent> {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(event.data) as JSONType,
    metadata: Buffer.from(event.metadata, 'utf8'),
  });
}

function sizeOf(events: readonly SerialisedEvent[]): number {
  return events.reduce((total, event) => total + eventSize(event.type, event.data, event.metadata), 0);
}
