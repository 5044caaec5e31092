import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
  type SQLiteConnection,
} from '@event-driven-io/emmett-sqlite';
import type { EventToAppend } from '../libs/event-store/src/port/event-envelope';
import type { StoreSubject } from './store-subject';

/**
 * Emmett's SQLite event store (node-sqlite3 underneath), used through its public API: appends
 * through `getSQLiteEventStore(...).appendToStream` with an expected stream version; the whole
 * log through `readMessagesBatch` on one connection, as Emmett's own consumers page through it.
 * With a file name, Emmett 0.38.5 opens a connection (journal_mode=WAL, SQLite's default
 * synchronous=FULL) for every operation and closes it afterwards; that is part of what is measured.
 */
export async function emmettSqlite(filename: string): Promise<StoreSubject> {
  const store = getSQLiteEventStore({ fileName: filename });
  let reader: SQLiteConnection | undefined;
  let retries = 0;
  return {
    name: 'Emmett SQLite 0.38.5',
    notes: () => (retries === 0 ? undefined : `${retries} append(s) retried after "SQL statements in progress"`),
    async append(stream: string, streamLength: number, events: readonly EventToAppend[]): Promise<void> {
      const messages = events.map((event) => ({
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { ...event.metadata },
      }));
      for (;;) {
        try {
          // Emmett counts versions from 1 and takes 0n as "the stream does not exist yet".
          await quietly(() => store.appendToStream(stream, messages, { expectedStreamVersion: BigInt(streamLength) }));
          return;
        } catch (error) {
          // Emmett 0.38.5 runs statements on node-sqlite3 without serialising them, and now and
          // then COMMIT races the finalisation of its INSERT ... RETURNING ("cannot commit
          // transaction - SQL statements in progress"). The transaction is rolled back, so the
          // append is retried; the retries are counted and their time is part of the measure.
          if (!isStatementsInProgress(error)) throw error;
          retries++;
        }
      }
    },
    async readAll(pageSize: number): Promise<number> {
      reader ??= sqliteConnection({ fileName: filename });
      let read = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch(reader, { after, batchSize: pageSize });
        if (batch.messages.length === 0) return read;
        read += batch.messages.length;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => reader?.close(),
  };
}

/** Emmett console.logs every failed transaction before rethrowing; keep the table readable. */
async function quietly<T>(operation: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await operation();
  } finally {
    console.log = log;
  }
}

function isStatementsInProgress(error: unknown): boolean {
  return error instanceof Error && error.message.includes('SQL statements in progress');
}
