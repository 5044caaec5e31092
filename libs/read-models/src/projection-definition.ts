import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';

/**
 * The handle a projection gets for its own tables. It is deliberately thin: SQL stays SQL, and
 * the only help is naming (so versions can coexist) and statement caching (so `apply` can be
 * written plainly and still run at log speed).
 */
export interface ProjectionDatabase {
  readonly projection: string;
  readonly version: number;
  /** The SQLite name of this version's table (or index, view, trigger) called `local`: `<name>_v<version>_<local>`. */
  table(local: string): string;
  /** Prepares `sql` once per projection version and returns the cached statement on later calls. */
  prepare<Result = unknown, Params extends unknown[] = unknown[]>(sql: string): Database.Statement<Params, Result>;
  /**
   * Builds a projection's statements once per version and returns the same object on every
   * later call with the same `build` function (a module-level constant): the fastest way to
   * run prepared statements from `apply`, since nothing is looked up by SQL text.
   */
  statements<T>(build: (db: ProjectionDatabase) => T): T;
  /** Runs DDL or other parameterless SQL. */
  exec(sql: string): void;
}

/**
 * A read model kept up to date from the global log. Written by the contexts that own the data;
 * the runtime knows nothing about what it means.
 *
 * `apply` runs inside the runtime's batch transaction and must be synchronous and deterministic
 * (no clock, no randomness, no I/O besides `db`): the same log must always produce the same
 * tables, which is what makes rebuilding and crash recovery safe.
 *
 * `apply` is declared with method syntax on purpose: a context may narrow `E` to its own event
 * union (for which `eventTypes` is the runtime guarantee) and still register into a list of
 * `ProjectionDefinition`.
 */
export interface ProjectionDefinition<E extends RecordedEvent = RecordedEvent> {
  /** snake_case, unique in the registry; becomes the table prefix. */
  readonly name: string;
  /** Bump it whenever `migrate` or `apply` changes meaning: the new version is rebuilt from the start. */
  readonly version: number;
  /** Only events of these types reach `apply` (others still advance the checkpoint). */
  readonly eventTypes?: readonly string[];
  /** Only events whose stream starts with one of these prefixes reach `apply`. */
  readonly streamPrefixes?: readonly string[];
  /** Creates this version's tables, named with `db.table(...)`. Runs once, when the version is first set up. */
  migrate(db: ProjectionDatabase): void;
  apply(db: ProjectionDatabase, event: E): void;
  /**
   * Optional, and used by the runtime instead of `apply` when given: all of one batch's events
   * that pass the filter (in log order, never empty), in the same transaction. A projection that
   * folds a row's state per event (read it, update it, write it back) can then read and write
   * each row once per batch instead of once per event — with thousands of events per batch that
   * is most of its cost. It must leave exactly the tables `apply`, called on each event in turn,
   * would leave: batch boundaries fall anywhere (restarts, live appends of one event).
   */
  applyBatch?(db: ProjectionDatabase, events: readonly E[]): void;
  /**
   * Optional: secondary indexes that queries need but `apply` never reads through, written as
   * `CREATE INDEX IF NOT EXISTS` (it runs again after every restart). The runtime creates them
   * once the version has reached the head of the log: a rebuild then sorts each index once
   * instead of updating it at a random page per event, which on a large log is most of the
   * writing. Until then the version's queries still answer, only without these indexes.
   */
  indexes?(db: ProjectionDatabase): void;
}

/** The filter of a projection without `eventTypes` or `streamPrefixes`: callers may skip calling it. */
export const everything = (): boolean => true;

/** Whether `event` passes a projection's filter; both filters must pass when both are given. */
export function eventFilter(definition: ProjectionDefinition): (event: RecordedEvent) => boolean {
  const types = definition.eventTypes === undefined ? undefined : new Set(definition.eventTypes);
  const prefixes = definition.streamPrefixes;
  if (types === undefined && prefixes === undefined) return everything;
  // A loop, not `some` with a callback: this runs for every event of a rebuild, for every version.
  const hasPrefix = (stream: string): boolean => {
    if (prefixes === undefined) return true;
    for (const prefix of prefixes) if (stream.startsWith(prefix)) return true;
    return false;
  };
  return (event) => (types === undefined || types.has(event.type)) && hasPrefix(event.stream);
}
