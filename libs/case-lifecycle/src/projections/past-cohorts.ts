import Database from 'better-sqlite3';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { replayCohortUntil } from './cohort-as-of';

interface Kept {
  readonly head: bigint;
  readonly connection: Database.Database;
  readonly tables: VersionedProjectionDatabase;
  timer: NodeJS.Timeout;
}

export interface PastCohortsOptions {
  /** Past days kept at once; each holds the whole cohort table in memory. */
  readonly days: number;
  /** A kept day unused this long is let go. */
  readonly idleMs: number;
}

const DEFAULTS: PastCohortsOptions = { days: 2, idleMs: 5 * 60_000 };

/**
 * Cohorts of past days, replayed from the log and kept while the log has not moved. Paging
 * through a day's cohort, or filtering it, then replays the log once rather than once per
 * request (seconds each on a log of a million events). Any append moves the head, and the next
 * request for the day replays again, so an answer never misses an event recorded late.
 */
export class PastCohorts {
  private readonly kept = new Map<string, Kept>();
  private readonly options: PastCohortsOptions;

  constructor(
    private readonly store: EventStore,
    options: Partial<PastCohortsOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Calls `use` with the cohort tables as they stood at the end of `day`. `use` must be
   * synchronous: a kept day may be let go as soon as control returns to the event loop.
   */
  async query<T>(
    day: string,
    use: (tables: VersionedProjectionDatabase, connection: Database.Database) => T,
  ): Promise<T> {
    // Read before replaying: the replay covers at least this much of the log, so a kept day is
    // only ever reused for a log it has seen in full.
    const head = await this.store.headPosition();
    const kept = this.kept.get(day);
    if (kept !== undefined && kept.head === head) return this.touch(day, kept, use);
    const connection = new Database(':memory:');
    try {
      const tables = await replayCohortUntil(this.store, connection, day);
      const fresh: Kept = { head, connection, tables, timer: this.expiry(day, connection) };
      this.forget(day);
      this.kept.set(day, fresh);
      while (this.kept.size > this.options.days) this.forget(this.kept.keys().next().value as string);
      return use(tables, connection);
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** Lets every kept day go (at shutdown). */
  close(): void {
    for (const day of [...this.kept.keys()]) this.forget(day);
  }

  /** How many days are kept now. */
  get size(): number {
    return this.kept.size;
  }

  private touch<T>(
    day: string,
    kept: Kept,
    use: (tables: VersionedProjectionDatabase, connection: Database.Database) => T,
  ): T {
    clearTimeout(kept.timer);
    kept.timer = this.expiry(day, kept.connection);
    // Most recently used last: the Map's order is the eviction order.
    this.kept.delete(day);
    this.kept.set(day, kept);
    return use(kept.tables, kept.connection);
  }

  private expiry(day: string, connection: Database.Database): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.kept.get(day)?.connection === connection) this.forget(day);
    }, this.options.idleMs);
    timer.unref();
    return timer;
  }

  private forget(day: string): void {
    const kept = this.kept.get(day);
    if (kept === undefined) return;
    this.kept.delete(day);
    clearTimeout(kept.timer);
    kept.connection.close();
  }
}
