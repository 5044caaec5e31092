import type Database from 'better-sqlite3';
import { WrongExpectedRevisionError } from '../port/errors';
import type { EventMetadata, EventToAppend } from '../port/event-envelope';
import type { AppendResult } from '../port/event-store';
import type { ExpectedRevision } from '../port/expected-revision';
import { actualRevision, satisfiesExpected } from '../shared/expected-revision-check';
import { recognizeRetry, type StoredEventContent } from '../shared/idempotent-retry';
import type { EventRow } from './event-rows';
import { MAX_EVENTS_PER_APPEND, type SerialisedEvent } from '../shared/validate-append';
import type { EventStatements } from './event-statements';
import type { GroupCap, Settled } from './group-commit';
import { GroupAbandoned, GroupFailedAt, writeGroup } from './group-retry';
import { isUniqueViolation, isStorageFailure } from './sqlite-errors';

export interface AppendOutcome {
  readonly result: AppendResult;
  /** False when the append was recognised as a retry of one already stored. */
  readonly wrote: boolean;
}

type Attempt =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'wrong-revision'; readonly current: bigint };

/** An event as its row will hold it, data and metadata as JSON text. */
type EventText = SerialisedEvent;

/** One caller's append, as the store was asked for it. */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly EventText[];
  readonly expected: ExpectedRevision;
}

/**
 * 500 appends: one fsync is then a tiny share of each append's cost (a 500-append group took
 * ~40 ms to write here, ~1.6 ms of it the fsync), so larger groups gain nothing. Events: no more
 * than the largest single append may carry (~170 ms of the thread here for 10,000 small events).
 * The cap counts events, not bytes: 500 appends of large events can still make a transaction
 * larger than any one append.
 */
export const APPEND_GROUP_CAP: GroupCap<AppendRequest> = {
  requests: 500,
  events: MAX_EVENTS_PER_APPEND,
  eventsIn: (request) => request.events.length,
};

type AttemptOne = (stream: string, events: readonly EventText[], expected: ExpectedRevision) => Attempt;

/**
 * The append as validated: it may wait in the group-commit queue while the caller goes on and
 * reuses or changes its objects, and what is stored must be what was asked for (and measured).
 */
export function appendRequest(
  stream: string,
  events: readonly SerialisedEvent[],
  expected: ExpectedRevision,
): AppendRequest {
  return { stream, expected, events };
}

/**
 * Writes a group of appends in one IMMEDIATE transaction (see group-commit.ts). Taking the write
 * lock up front serialises writers (also across processes sharing the file), so the position read
 * inside the transaction is the true head and positions stay gap-free in commit order. Each
 * append runs in its own savepoint: a refused one is rolled back alone and the next one sees the
 * log as if it had never been asked for, exactly as if the appends had come one at a time.
 */
export class SqliteAppender {
  private readonly inGroup: AttemptOne;
  private readonly alone: AttemptOne;
  private readonly group: (requests: readonly AppendRequest[]) => Settled<AppendOutcome>[];

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
  ) {
    const { streamHead, logHead, insert } = statements;
    // Called inside the group's transaction, a better-sqlite3 transaction function is a SAVEPOINT.
    const attempt = db.transaction((stream: string, events: readonly EventText[], expected: ExpectedRevision) => {
      const current = streamHead.get(stream) ?? -1n;
      if (!satisfiesExpected(current, expected)) return { kind: 'wrong-revision', current } as Attempt;
      let position = logHead.get() ?? -1n;
      let revision = current;
      for (const event of events) {
        insert.run(++position, stream, ++revision, event.id, event.type, event.data, event.metadata);
      }
      return { kind: 'appended', result: { nextExpectedRevision: revision, position } } as Attempt;
    });
    this.inGroup = attempt;
    this.alone = (...args) => attempt.immediate(...args);
    const group = db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request, index) => {
        let settled: Settled<AppendOutcome>;
        try {
          settled = this.settle(this.inGroup, request);
        } catch (error) {
          throw new GroupFailedAt(index, error);
        }
        // Some errors make SQLite abandon the whole transaction (out of memory and interrupt are
        // thrown above as storage failures; this catches any other that does): the appends before
        // this one are gone, and the rest would each commit on their own.
        if (!db.inTransaction) throw new GroupFailedAt(index, new GroupAbandoned(settled.error));
        return settled;
      }),
    );
    this.group = (requests) => group.immediate(requests);
  }

  /**
   * Appends each request in turn, in one commit if it can. Throws (and writes nothing) only when
   * storage fails in a way no append of the group could get past.
   */
  appendGroup(requests: readonly AppendRequest[]): Settled<AppendOutcome>[] {
    // The usual case when appends come one at a time: its own transaction needs no savepoint.
    if (requests.length === 1) return [this.settle(this.alone, requests[0] as AppendRequest)];
    // A failed group's transaction is rolled back whole, so nothing of it is stored: its appends
    // are written again around the one that failed it, each judged against the log as it is then.
    return writeGroup({ group: this.group, alone: (request) => this.settle(this.alone, request) }, requests);
  }

  private settle(attempt: AttemptOne, { stream, events, expected }: AppendRequest): Settled<AppendOutcome> {
    let outcome: Attempt;
    try {
      outcome = attempt(stream, events, expected);
    } catch (error) {
      // A stored id makes the UNIQUE(id) constraint abort the append; its savepoint has rolled back.
      if (!isUniqueViolation(error)) return refusedOrFailed(error);
      try {
        const original = this.retryOf(stream, events, expected);
        return original === undefined ? { error } : { value: { result: original, wrote: false } };
      } catch (conflict) {
        return refusedOrFailed(conflict);
      }
    }
    if (outcome.kind === 'appended') return { value: { result: outcome.result, wrote: true } };
    // The stream moved on: possibly because this very batch was written by an earlier attempt
    // whose response the client never saw.
    try {
      const original = this.retryOf(stream, events, expected);
      if (original !== undefined) return { value: { result: original, wrote: false } };
    } catch (conflict) {
      return refusedOrFailed(conflict);
    }
    return { error: new WrongExpectedRevisionError(stream, expected, actualRevision(outcome.current)) };
  }

  private retryOf(stream: string, events: readonly EventText[], expected: ExpectedRevision): AppendResult | undefined {
    const stored = events.map((event) => {
      const row = this.statements.byId.get(event.id);
      return row === undefined ? undefined : storedContent(row);
    });
    return recognizeRetry(stream, events.map(asProposed), expected, stored);
  }
}

function asProposed(event: EventText): EventToAppend {
  return {
    id: event.id,
    type: event.type,
    data: JSON.parse(event.data) as unknown,
    metadata: JSON.parse(event.metadata) as EventMetadata,
  };
}

function storedContent(row: EventRow): StoredEventContent {
  return {
    position: row[0],
    stream: row[1],
    revision: row[2],
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as unknown,
  };
}

/**
 * A storage failure, met writing or reading, ends the whole group (nothing of it is committed, and
 * the callers hear EventStoreUnavailableError: retry); anything else refuses this append only.
 */
function refusedOrFailed(error: unknown): Settled<AppendOutcome> {
  if (isStorageFailure(error)) throw error;
  return { error };
}
