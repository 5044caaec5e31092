import type Database from 'better-sqlite3';
import { openSqlite, type SqliteSynchronous } from './open-sqlite';

export type { SqliteSynchronous } from './open-sqlite';

const SCHEMA_VERSION = 1;

/**
 * One table is the whole log. `position` is the rowid, so reading the log in order is a walk of
 * the table's own B-tree; the two UNIQUE constraints make the database itself refuse a second
 * event at a stream revision (the concurrency guard) and a re-used event id.
 */
const CREATE_SCHEMA = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY CHECK (position >= 0),
    stream   TEXT    NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 0),
    id       TEXT    NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    CONSTRAINT events_stream_revision UNIQUE (stream, revision),
    CONSTRAINT events_id UNIQUE (id)
  ) STRICT;
`;

/** Opens (creating if needed) an event database; with synchronous=FULL every commit is fsynced before append() resolves. */
export function openEventDatabase(filename: string, synchronous: SqliteSynchronous): Database.Database {
  return openSqlite(filename, { synchronous }, migrate);
}

/**
 * Nothing names the log in the file: its identity is its first event (see logIdentity). A
 * `log_identity` table left by a pre-release build that kept a random id there is ignored.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (version === SCHEMA_VERSION) return;
    if (version !== 0)
      throw new Error(`event database has schema version ${String(version)}, expected ${SCHEMA_VERSION}`);
    db.exec(CREATE_SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
