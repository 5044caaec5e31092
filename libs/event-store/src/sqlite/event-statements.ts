import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './event-rows';

/** SQLite reads `LIMIT -1` as "no limit". */
export const NO_LIMIT = -1;
export const MAX_REVISION = 9_223_372_036_854_775_807n;

/** Every statement the store runs, prepared once per connection. */
export class EventStatements {
  readonly streamHead: Database.Statement<[string], bigint | null>;
  readonly logHead: Database.Statement<[], bigint | null>;
  readonly insert: Database.Statement<[bigint, string, bigint, string, string, string, string]>;
  readonly byId: Database.Statement<[string], EventRow>;
  readonly logHeadEvent: Database.Statement<[], EventRow>;
  readonly logFirst: Database.Statement<[], { position: bigint; id: string; recordedAt: string | null }>;
  readonly logAfter: Database.Statement<[bigint, number], EventRow>;
  readonly streamForwards: Database.Statement<[string, bigint, number], EventRow>;
  readonly streamBackwards: Database.Statement<[string, bigint, number], EventRow>;

  constructor(db: Database.Database) {
    this.streamHead = db.prepare<[string], bigint | null>('SELECT max(revision) FROM events WHERE stream = ?');
    this.streamHead.pluck().safeIntegers();
    this.logHead = db.prepare<[], bigint | null>('SELECT max(position) FROM events');
    this.logHead.pluck().safeIntegers();
    this.insert = db.prepare(
      'INSERT INTO events (position, stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.byId = rows(db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`));
    this.logHeadEvent = rows(db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position DESC LIMIT 1`));
    this.logFirst = db.prepare<[], { position: bigint; id: string; recordedAt: string | null }>(
      "SELECT position, id, json_extract(metadata, '$.recordedAt') AS recordedAt FROM events ORDER BY position LIMIT 1",
    );
    this.logFirst.safeIntegers();
    // position is the rowid: this walks the table's own B-tree in order.
    this.logAfter = rows(
      db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    );
    this.streamForwards = rows(
      db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
    );
    this.streamBackwards = rows(
      db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
    );
  }
}

/** Positional rows with 64-bit integers as bigint: no per-row key objects, no precision loss. */
function rows<P extends unknown[]>(statement: Database.Statement<P, unknown>): Database.Statement<P, EventRow> {
  statement.raw().safeIntegers();
  return statement as unknown as Database.Statement<P, EventRow>;
}
