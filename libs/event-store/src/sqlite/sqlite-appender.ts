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
import { isUniqueViolation } from './sqlite-errors';

export interface AppendOutcome {
  readonly result: AppendResult;
  /** False when the append was recognised as a retry of one already stored. */
  readonly wrote: boolean;
}

type Attempt =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'wrong-revision'; readonly current: bigint };

/**
 * Writes one batch in one IMMEDIATE transaction. Taking the write lock up front serialises
 * appends (also across processes sharing the file), so the position read inside the
 * transaction is the true head and positions stay gap-free in commit order.
 */
export class SqliteAppender {
  private readonly attempt: (
    stream: string,
    events: readonly EventToAppend[],
    data: string[],
    metadata: string[],
    expected: ExpectedRevision,
  ) => Attempt;

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
  ) {
    const { streamHead, logHead, insert } = statements;
    const transaction = db.transaction(
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
    this.attempt = (...args) => transaction.immediate(...args);
  }

  append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendOutcome {
    // Serialise before taking the lock: the transaction holds it only for the inserts.
    const data = events.map((event) => toJsonText(event.data, `event ${event.id} data`));
    const metadata = events.map((event) => toJsonText(event.metadata, `event ${event.id} metadata`));
    let attempt: Attempt;
    try {
      attempt = this.attempt(stream, events, data, metadata, expected);
    } catch (error) {
      // A stored id makes the UNIQUE(id) constraint abort the batch; the transaction has rolled back.
      if (!isUniqueViolation(error)) throw error;
      const original = this.retryOf(stream, events, expected);
      if (original === undefined) throw error;
      return { result: original, wrote: false };
    }
    if (attempt.kind === 'appended') return { result: attempt.result, wrote: true };
    // The stream moved on: possibly because this very batch was written by an earlier attempt
    // whose response the client never saw.
    const original = this.retryOf(stream, events, expected);
    if (original !== undefined) return { result: original, wrote: false };
    throw new WrongExpectedRevisionError(stream, expected, actualRevision(attempt.current));
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
