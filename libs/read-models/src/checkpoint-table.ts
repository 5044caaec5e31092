import type Database from 'better-sqlite3';

export interface CheckpointRow {
  readonly name: string;
  readonly version: number;
  /** Position of the last event this version has processed; -1n before the first. */
  readonly position: bigint;
  readonly state: string;
}

type RawCheckpoint = [name: string, version: bigint, position: bigint, state: string];

/**
 * Statements on the runtime's bookkeeping tables, prepared once on the writer's connection.
 * Positions are read as bigint (`safeIntegers`) because the log's positions are 64-bit.
 */
export class CheckpointTable {
  private readonly selectAll: Database.Statement<[], RawCheckpoint>;
  private readonly selectPosition: Database.Statement<[string, number], bigint>;
  private readonly selectFailed: Database.Statement<[], [string, bigint, string]>;
  private readonly insertRow: Database.Statement<[string, number, bigint, string, string]>;
  private readonly advanceRow: Database.Statement<[bigint, string, string, string, number]>;
  private readonly stateRow: Database.Statement<[string, string | null, string, string, number]>;
  private readonly deleteRow: Database.Statement<[string, number]>;
  private readonly selectActive: Database.Statement<[], [string, bigint]>;
  private readonly upsertActive: Database.Statement<[string, number, string]>;
  private readonly deleteActive: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.selectAll = db.prepare<[], RawCheckpoint>(
      'SELECT name, version, position, state FROM projection_checkpoints ORDER BY name, version',
    );
    this.selectAll.raw().safeIntegers();
    this.selectPosition = db.prepare<[string, number], bigint>(
      'SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?',
    );
    this.selectPosition.pluck().safeIntegers();
    this.selectFailed = db.prepare<[], [string, bigint, string]>(
      "SELECT name, version, coalesce(error, 'failed') FROM projection_checkpoints WHERE state = 'failed'",
    );
    this.selectFailed.raw().safeIntegers();
    this.insertRow = db.prepare(
      'INSERT INTO projection_checkpoints (name, version, position, state, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.advanceRow = db.prepare(
      'UPDATE projection_checkpoints SET position = ?, state = ?, error = NULL, updated_at = ? WHERE name = ? AND version = ?',
    );
    this.stateRow = db.prepare(
      'UPDATE projection_checkpoints SET state = ?, error = ?, updated_at = ? WHERE name = ? AND version = ?',
    );
    this.deleteRow = db.prepare('DELETE FROM projection_checkpoints WHERE name = ? AND version = ?');
    this.selectActive = db.prepare<[], [string, bigint]>('SELECT name, version FROM projection_active');
    this.selectActive.raw().safeIntegers();
    this.upsertActive = db.prepare(
      `INSERT INTO projection_active (name, version, switched_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, switched_at = excluded.switched_at`,
    );
    this.deleteActive = db.prepare('DELETE FROM projection_active WHERE name = ?');
  }

  all(): CheckpointRow[] {
    return this.selectAll
      .all()
      .map(([name, version, position, state]) => ({ name, version: Number(version), position, state }));
  }

  position(name: string, version: number): bigint | undefined {
    return this.selectPosition.get(name, version);
  }

  /** The error of every version whose row says it failed, by `failureKey`. */
  failures(): Map<string, string> {
    return new Map(this.selectFailed.all().map(([name, version, error]) => [failureKey(name, Number(version)), error]));
  }

  insert(name: string, version: number, position: bigint, state: string, now: string): void {
    this.insertRow.run(name, version, position, state, now);
  }

  advance(name: string, version: number, position: bigint, state: string, now: string): void {
    this.advanceRow.run(position, state, now, name, version);
  }

  setState(name: string, version: number, state: string, error: string | null, now: string): void {
    this.stateRow.run(state, error, now, name, version);
  }

  delete(name: string, version: number): void {
    this.deleteRow.run(name, version);
  }

  activeVersions(): Map<string, number> {
    return new Map(this.selectActive.all().map(([name, version]) => [name, Number(version)]));
  }

  activate(name: string, version: number, now: string): void {
    this.upsertActive.run(name, version, now);
  }

  deactivate(name: string): void {
    this.deleteActive.run(name);
  }
}

export function failureKey(name: string, version: number): string {
  return `${name} v${version}`;
}
