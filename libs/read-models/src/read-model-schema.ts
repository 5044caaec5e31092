import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite, type SqliteSynchronous } from '../../event-store/src/sqlite/open-sqlite';

export type ReadModelSynchronous = SqliteSynchronous;

/** The read models live apart from the event log: they can be deleted and rebuilt at any time. */
export function readModelFile(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'read-models.sqlite');
}

const BOOKKEEPING_VERSION = 1;

/**
 * About 40 MiB of WAL between checkpoints instead of SQLite's 4 MiB. Under synchronous=NORMAL a
 * checkpoint is where the fsyncs happen, and a page rewritten by many batches in between (a
 * case row, an index page) is copied into the database once: on a rebuild this cut the write
 * cost of small rows by about a third in our measurements. A power cut can now roll back up to
 * ~40 MiB of commits instead of ~4 MiB; checkpoints commit with their rows, so the runtime then
 * simply projects those events again.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * The runtime's own tables. A checkpoint row exists for every projection version that has been
 * set up; `projection_active` says which version answers queries. Both are written in the same
 * transactions as the projections' tables, which is what makes them trustworthy.
 */
const CREATE_BOOKKEEPING = `
  CREATE TABLE projection_checkpoints (
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    error      TEXT,
    PRIMARY KEY (name, version)
  ) STRICT;
  CREATE TABLE projection_active (
    name        TEXT    PRIMARY KEY,
    version     INTEGER NOT NULL,
    switched_at TEXT    NOT NULL
  ) STRICT;
`;

/**
 * Opens the writer's connection. WAL lets query connections read while a batch commits.
 * synchronous=NORMAL (the default here) survives a killed process, which is the failure the
 * checkpoint design is about; after a power cut it may lose the last few batches but stays
 * consistent, and the runtime simply re-projects them.
 */
export function openReadModelDatabase(
  filename: string,
  synchronous: ReadModelSynchronous = 'NORMAL',
): Database.Database {
  return openSqlite(filename, { synchronous, walAutocheckpointPages: WAL_AUTOCHECKPOINT_PAGES }, migrateBookkeeping);
}

function migrateBookkeeping(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (version === BOOKKEEPING_VERSION) return;
    if (typeof version === 'number' && version > BOOKKEEPING_VERSION) {
      // Rolled back to an older release: what the newer one wrote cannot be read, but can be rebuilt.
      throw new Error(
        `${db.name} was written by a newer release (read-model bookkeeping version ${version}; this release reads ${BOOKKEEPING_VERSION}): ` +
          'run that release, or delete the file to rebuild the read models from the event log',
      );
    }
    if (version !== 0) {
      throw new Error(
        `read-model database has bookkeeping version ${String(version)}, expected ${BOOKKEEPING_VERSION}`,
      );
    }
    db.exec(CREATE_BOOKKEEPING);
    db.pragma(`user_version = ${BOOKKEEPING_VERSION}`);
  }).immediate();
}
