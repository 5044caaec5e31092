import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../../event-store/src/sqlite/open-sqlite';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly state: 'in-progress' | 'completed';
  readonly statusCode?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * Remembers the first response to each (caller, Idempotency-Key) so a client that lost the
 * response can retry safely. Kept in SQLite beside the event log so it survives restarts.
 */
export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly findStatement: Database.Statement<[string, string]>;
  private readonly beginStatement: Database.Statement<[string, string, string, string]>;
  private readonly completeStatement: Database.Statement<[number, string, string, string, string]>;
  private readonly releaseStatement: Database.Statement<[string, string]>;

  constructor(filename: string) {
    // FULL (SQLite's own default, kept): a remembered response lost in a power cut would let a
    // retried POST run twice. A small cache: rows are looked up by key, once per request.
    this.db = openSqlite(filename, { synchronous: 'FULL', cacheMiB: 2 }, (db) =>
      db.exec(`CREATE TABLE IF NOT EXISTS idempotent_responses (
        caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, state TEXT NOT NULL,
        status_code INTEGER, headers TEXT, body TEXT, created_at TEXT NOT NULL,
        PRIMARY KEY (caller, key))`),
    );
    this.findStatement = this.db.prepare(
      'SELECT fingerprint, state, status_code, headers, body FROM idempotent_responses WHERE caller = ? AND key = ?',
    );
    this.beginStatement = this.db.prepare(
      "INSERT OR IGNORE INTO idempotent_responses (caller, key, fingerprint, state, created_at) VALUES (?, ?, ?, 'in-progress', ?)",
    );
    this.completeStatement = this.db.prepare(
      "UPDATE idempotent_responses SET state = 'completed', status_code = ?, headers = ?, body = ? WHERE caller = ? AND key = ?",
    );
    this.releaseStatement = this.db.prepare(
      "DELETE FROM idempotent_responses WHERE caller = ? AND key = ? AND state = 'in-progress'",
    );
  }

  static inDataDir(dataDir: string): IdempotencyStore {
    mkdirSync(dataDir, { recursive: true });
    return new IdempotencyStore(join(dataDir, 'api-state.sqlite'));
  }

  find(caller: string, key: string): StoredResponse | undefined {
    const row = this.findStatement.get(caller, key) as
      | {
          fingerprint: string;
          state: 'in-progress' | 'completed';
          status_code: number | null;
          headers: string | null;
          body: string | null;
        }
      | undefined;
    if (row === undefined) return undefined;
    return {
      fingerprint: row.fingerprint,
      state: row.state,
      ...(row.status_code === null ? {} : { statusCode: row.status_code }),
      ...(row.headers === null ? {} : { headers: JSON.parse(row.headers) as Record<string, string> }),
      ...(row.body === null ? {} : { body: JSON.parse(row.body) as unknown }),
    };
  }

  /** Claims the key; false when another request already holds or completed it. */
  begin(caller: string, key: string, fingerprint: string, now: string): boolean {
    return this.beginStatement.run(caller, key, fingerprint, now).changes === 1;
  }

  complete(caller: string, key: string, statusCode: number, headers: Record<string, string>, body: unknown): void {
    this.completeStatement.run(statusCode, JSON.stringify(headers), JSON.stringify(body ?? null), caller, key);
  }

  /** A failed attempt frees the key: the client's retry runs the command again. */
  release(caller: string, key: string): void {
    this.releaseStatement.run(caller, key);
  }

  close(): void {
    this.db.close();
  }
}
