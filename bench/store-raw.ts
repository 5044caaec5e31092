import Database from 'better-sqlite3';
import type { EventToAppend } from '../libs/event-store/src/port/event-envelope';
import type { StoreSubject } from './store-subject';

/**
 * The floor: the same table, rows and pragmas written with plain prepared inserts in one
 * transaction per append, and no checks at all (no expected revision, no validation, no retry
 * recognition). Positions come from a counter in memory. Reading decodes every row of a page
 * into an array of events, as ours does, but without any metadata de-duplication.
 */
export async function rawSqlite(filename: string): Promise<StoreSubject> {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream, revision), UNIQUE (id)) STRICT`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
  const page = db
    .prepare(
      'SELECT position, stream, revision, id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  let position = 0;
  // Keeps the decoded events observable so the work cannot be optimised away.
  let decoded: unknown;
  const appendRows = db.transaction((stream: string, streamLength: number, events: readonly EventToAppend[]) => {
    events.forEach((event, index) => {
      insert.run(
        position++,
        stream,
        streamLength + index,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
    });
  });
  return {
    name: 'raw better-sqlite3 inserts',
    async append(stream, streamLength, events): Promise<void> {
      appendRows(stream, streamLength, events);
    },
    async readAll(pageSize: number): Promise<number> {
      let read = 0;
      let from = -1;
      for (;;) {
        const rows = page.all(from, pageSize) as [number, string, number, string, string, string, string][];
        const lastRow = rows[rows.length - 1];
        if (lastRow === undefined) return read;
        // A page of decoded events, as any readAll has to hand back.
        decoded = rows.map((row) => ({
          id: row[3],
          type: row[4],
          data: JSON.parse(row[5]) as unknown,
          metadata: JSON.parse(row[6]) as unknown,
          stream: row[1],
          revision: BigInt(row[2]),
          position: BigInt(row[0]),
        }));
        read += rows.length;
        from = lastRow[0];
      }
    },
    close: async () => {
      if (decoded === null) console.log('');
      db.close();
    },
  };
}
