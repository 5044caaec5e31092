import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

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

/** Opens (creating if needed) an event database with WAL and the requested commit durability. */
export function openEventDatabase(filename: string, synchronous: SqliteSynchronous): Database.Database {
  const db = new Database(filename);
  try {
    // WAL lets readers (subscriptions, other processes) proceed while an append commits; with
    // synchronous=FULL every commit is fsynced before append() resolves.
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    // Another process appending to the same file holds the write lock only for one short
    // transaction; wait for it rather than failing at once.
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

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
