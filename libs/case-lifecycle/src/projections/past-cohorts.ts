import Database from 'better-sqlite3';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { CohortAsOf } from './cohort-as-of';

interface Kept {
  readonly asOf: CohortAsOf;
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
 * Cohorts of past days, replayed from the log once and then caught up with what was appended
 * since (`CohortAsOf.catchUp`): paging through a day's cohort, or filtering it, reads the log
 * once instead of once per request (seconds each on a log of a million events). Every audited
 * read appends to the log, so "kept while the log does not move" would never be reused; catching
 * up reads only the new events, and answers exactly what a replay from the start would.
 *
 * Queries run one at a time: a kept day is caught up, queried and let go without another query
 * or an expiry closing it in between.
 */
export class PastCohorts {
  private readonly kept = new Map<string, Kept>();
  private readonly options: PastCohortsOptions;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    options: Partial<PastCohortsOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Calls `use` with the cohort tables as they stood at the end of `day`, as the log holds it now,
   * with events dated after the day up to `reach` too (see `CohortAsOf`).
   */
  query<T>(
    day: string,
    use: (tables: VersionedProjectionDatabase, connection: Database.Database) => T,
    reach?: number,
  ): Promise<T> {
    return this.serially(() => this.answer(day, use, reach));
  }

  /** Lets every kept day go (at shutdown). */
  close(): void {
    for (const day of [...this.kept.keys()]) this.forget(day);
  }

  /** How many days are kept now. */
  get size(): number {
    return this.kept.size;
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async answer<T>(
    day: string,
    use: (tables: VersionedProjectionDatabase, connection: Database.Database) => T,
    reach: number | undefined,
  ): Promise<T> {
    // Today kept past midnight, or a fact dated ahead of an earlier reach: replayed afresh.
    if (this.kept.get(day)?.asOf.reaches(reach) === false) this.forget(day);
    let kept = this.kept.get(day);
    if (kept === undefined) {
      const asOf = new CohortAsOf(new Database(':memory:'), day);
      try {
        await asOf.catchUp(this.store, { reach });
      } catch (error) {
        asOf.connection.close();
        throw error;
      }
      kept = { asOf, timer: this.expiry(day, asOf) };
      this.kept.set(day, kept);
      while (this.kept.size > this.options.days) this.forget(this.kept.keys().next().value as string);
    } else {
      // A failed page rolls back with its position, so a failed catch-up leaves the day consistent.
      await kept.asOf.catchUp(this.store, { reach });
      clearTimeout(kept.timer);
      kept.timer = this.expiry(day, kept.asOf);
      // Most recently used last: the Map's order is the eviction order.
      this.kept.delete(day);
      this.kept.set(day, kept);
    }
    return use(kept.asOf.tables, kept.asOf.connection);
  }

  private expiry(day: string, asOf: CohortAsOf): NodeJS.Timeout {
    const timer = setTimeout(() => {
      void this.serially(async () => {
        if (this.kept.get(day)?.asOf === asOf) this.forget(day);
      });
    }, this.options.idleMs);
    timer.unref();
    return timer;
  }

  private forget(day: string): void {
    const kept = this.kept.get(day);
    if (kept === undefined) return;
    this.kept.delete(day);
    clearTimeout(kept.timer);
    kept.asOf.connection.close();
  }
}
