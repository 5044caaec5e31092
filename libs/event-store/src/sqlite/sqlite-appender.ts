import type Database from 'better-sqlite3';
import { WrongExpectedRevisionError } from '../port/errors';
import type { EventToAppend } from '../port/event-envelope';
import type { AppendResult } from '../port/event-store';
import type { ExpectedRevision } from '../port/expected-revision';
import { actualRevision, satisfiesExpected } from '../shared/expected-revision-check';
import { recognizeRetry, type StoredEventContent } from '../shared/idempotent-retry';
import { toJsonText } from '../shared/json-text';
import type { EventRow } from './event-rows';
import type { EventStatements } from './event-statements';
import type { Settled } from './group-commit';
import { isUniqueViolation, isStorageFailure } from './sqlite-errors';

export interface AppendOutcome {
  readonly result: AppendResult;
  /** False when the append was recognised as a retry of one already stored. */
  readonly wrote: boolean;
}

type Attempt =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'wrong-revision'; readonly current: bigint };

type AttemptOne = (
  stream: string,
  events: readonly EventToAppend[],
  data: string[],
  metadata: string[],
  expected: ExpectedRevision,
) => Attempt;

/** One caller's append, as the store was asked for it. */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

/**
 * Writes a group of appends in one IMMEDIATE transaction (see group-commit.ts). Taking the write
 * lock up front serialises writers (also across processes sharing the file), so the position read
 * inside the transaction is the true head and positions stay gap-free in commit order. Each
 * append runs in its own savepoint: a refused one is rolled back alone and the next one sees the
 * log as if it had never been asked for, exactly as if the appends had come one at a time.
 */
export class SqliteAppender {
  private readonly commit: (requests: readonly AppendRequest[]) => Settled<AppendOutcome>[];

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
  ) {
    const { streamHead, logHead, insert } = statements;
    // Called inside the group's transaction, a better-sqlite3 transaction function is a SAVEPOINT.
    const attempt: AttemptOne = db.transaction(
      (
        stream: string,
        events: readonly EventToAppend[],
        data: string[],
        metadata: string[],
        expected: ExpectedRevision,
      ): Attempt => {
        const current = streamHead.get(stream) ?? -1n;
        if (!satisfiesExpected(current, expected)) return { kind: 'wrong-revision', current };
        let position = logHead.get() ?? -1n;
        let revision = current;
        for (let i = 0; i < events.length; i++) {
          const event = events[i] as EventToAppend;
          insert.run(++position, stream, ++revision, event.id, event.type, data[i] as string, metadata[i] as string);
        }
        return { kind: 'appended', result: { nextExpectedRevision: revision, position } };
      },
    );
    const group = db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request) => this.settle(attempt, request)),
    );
    this.commit = (requests) => group.immediate(requests);
  }

  /** Appends each request in turn, in one commit. Throws (and writes nothing) only on storage failure. */
  appendGroup(requests: readonly AppendRequest[]): Settled<AppendOutcome>[] {
    return this.commit(requests);
  }

  private settle(attempt: AttemptOne, { stream, events, expected }: AppendRequest): Settled<AppendOutcome> {
    let outcome: Attempt;
    try {
      const data = events.map((event) => toJsonText(event.data, `event ${event.id} data`));
      const metadata = events.map((event) => toJsonText(event.metadata, `event ${event.id} metadata`));
      outcome = attempt(stream, events, data, metadata, expected);
    } catch (error) {
      // A stored id makes the UNIQUE(id) constraint abort the append; its savepoint has rolled back.
      if (!isUniqueViolation(error)) return refusedOrFailed(error);
      try {
        const original = this.retryOf(stream, events, expected);
        return original === undefined ? { error } : { value: { result: original, wrote: false } };
      } catch (conflict) {
        return { error: conflict };
      }
    }
    if (outcome.kind === 'appended') return { value: { result: outcome.result, wrote: true } };
    // The stream moved on: possibly because this very batch was written by an earlier attempt
    // whose response the client never saw.
    try {
      const original = this.retryOf(stream, events, expected);
      if (original !== undefined) return { value: { result: original, wrote: false } };
    } catch (conflict) {
      return { error: conflict };
    }
    return { error: new WrongExpectedRevisionError(stream, expected, actualRevision(outcome.current)) };
  }

  private retryOf(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const stored = events.map((event) => {
      const row = this.statements.byId.get(event.id);
      return row === undefined ? undefined : storedContent(row);
    });
    return recognizeRetry(stream, events, expected, stored);
  }
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

/** A storage failure ends the whole group (nothing of it is committed); anything else refuses this append only. */
function refusedOrFailed(error: unknown): Settled<AppendOutcome> {
  if (isStorageFailure(error)) throw error;
  return { error };
}
