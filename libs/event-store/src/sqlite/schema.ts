import { randomUUID } from 'node:crypto';
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
 * The log's identity: a random id made with the file (or, for a file made by an earlier release,
 * the first time this one opens it), which read models and the audit chain record next to the
 * positions they keep, so that positions of another log are not taken for this one's. A copy of
 * the file is the same log; a new file is another. Added without a schema version: older releases
 * ignore the table.
 */
const CREATE_LOG_IDENTITY = `CREATE TABLE IF NOT EXISTS log_identity (id TEXT NOT NULL) STRICT`;

function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (version !== SCHEMA_VERSION) {
      if (version !== 0)
        throw new Error(`event database has schema version ${String(version)}, expected ${SCHEMA_VERSION}`);
      db.exec(CREATE_SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    db.exec(CREATE_LOG_IDENTITY);
    db.prepare('INSERT INTO log_identity (id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM log_identity)').run(
      randomUUID(),
    );
  }).immediate();
}

/** The identity `migrate` gave the file. */
export function readLogIdentity(db: Database.Database): string {
  return db.prepare<[], string>('SELECT id FROM log_identity').pluck().get() as string;
}
