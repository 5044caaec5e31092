import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface SqliteOpenOptions {
  /** Commit durability: FULL fsyncs every commit; NORMAL survives a killed process, not a power cut. */
  readonly synchronous: SqliteSynchronous;
  /** Page cache of this connection; 64 MiB unless given. */
  readonly cacheMiB?: number;
  /** WAL pages before an automatic checkpoint; SQLite's 1000 unless given. */
  readonly walAutocheckpointPages?: number;
}

/**
 * Opens (creating if needed) one of the project's SQLite files — the event log, the read models,
 * the API's own state — with the pragmas they all rely on, then runs `setUp` (migrations,
 * statements). If anything throws, the connection is closed, so a failed start leaves no handle
 * holding the file.
 *
 * WAL lets readers (queries, subscriptions, other processes) proceed while a write commits.
 * busy_timeout: another process writing the same file holds the lock only for one transaction;
 * waiting for it beats failing at once.
 */
export function openSqlite(
  filename: string,
  options: SqliteOpenOptions,
  setUp: (db: Database.Database) => void = () => undefined,
): Database.Database {
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 64) * 1024)}`);
    if (options.walAutocheckpointPages !== undefined) {
      db.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages}`);
    }
    setUp(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
