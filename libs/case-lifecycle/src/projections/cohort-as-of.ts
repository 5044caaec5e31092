import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { eventFilter } from '../../../read-models/src/projection-definition';
import { parseInstant, ukDay } from '../domain/calendar';
import { cohortProjection } from './cohort.projection';

const PAGE = 10_000;

/**
 * When the event happened: the command's `occurredAt` where it has one, else the metadata's, as
 * a UK date and an instant (epoch ms). A listing counts no later than its meeting's day: the
 * listing route takes no `occurredAt`, and a case discussed at a meeting was on its agenda by
 * then, however late that was entered.
 */
function whenHappened(event: RecordedEvent): { readonly day: string; readonly at: number } | undefined {
  const data = event.data as { occurredAt?: unknown; meetingDate?: unknown };
  const stated = data.occurredAt ?? event.metadata.occurredAt;
  let at = typeof stated === 'string' ? stated : undefined;
  if (event.type === 'case-listed' && typeof data.meetingDate === 'string') {
    const day = at === undefined ? undefined : ukDay(at);
    const meetingDay = ukDay(data.meetingDate);
    if (day === undefined || (meetingDay !== undefined && meetingDay < day)) at = data.meetingDate;
  }
  const day = at === undefined ? undefined : ukDay(at);
  return at === undefined || day === undefined ? undefined : { day, at: parseInstant(at) ?? Number.POSITIVE_INFINITY };
}

/**
 * The cohort projection's tables in `connection` as they stood at the end of `day` (a UK
 * calendar date, as the reports count days): fed the log's events that had happened by then by
 * `occurredAt`, not by when they were recorded. An event recorded late about an earlier day
 * counts, one recorded early about a later day does not, so the log is read to its end.
 *
 * `catchUp` reads on from where the last call stopped. Events appended since come later in the
 * log, and the projection applies events in log order, so catching up leaves exactly the tables a
 * replay from the start would. Each page goes to the projection's `applyBatch` (one read and write
 * per case per page), which its contract makes equal to `apply` on each event in turn.
 *
 * `reach` also takes events dated after the day up to that instant: today's cohort holds what a
 * clock a few minutes ahead dated tomorrow, as the live tracker does (a referral at 00:01 sent at
 * 23:57). The reach moves with the clock, so the tables note what they took and left out beyond
 * the day, and `reaches` says when a catch-up can no longer give what a replay would.
 */
export class CohortAsOf {
  readonly tables: VersionedProjectionDatabase;
  /** The last position whose page has been applied; undefined before the first page. */
  private position: bigint | undefined;
  /** The latest instant after the day among the events applied, and the earliest among those left out. */
  private beyondDay: { taken?: number; leftOut?: number } = {};
  private readonly projected = eventFilter(cohortProjection);
  private readonly applyPage: (events: readonly RecordedEvent[]) => void;

  constructor(
    readonly connection: Database.Database,
    readonly day: string,
  ) {
    this.tables = new VersionedProjectionDatabase(connection, cohortProjection.name, cohortProjection.version);
    cohortProjection.migrate(this.tables);
    const tables = this.tables;
    this.applyPage = connection.transaction((events: readonly RecordedEvent[]) => {
      if (cohortProjection.applyBatch !== undefined) cohortProjection.applyBatch(tables, events);
      else for (const event of events) cohortProjection.apply(tables, event);
    });
  }

  /**
   * Whether catching up to `reach` leaves the tables a replay would: they can take events newly
   * in reach from the log's end, never give back one taken nor go back for one left out.
   */
  reaches(reach: number | undefined): boolean {
    const { taken, leftOut } = this.beyondDay;
    const keepsTaken = taken === undefined || (reach !== undefined && taken <= reach);
    const missesNone = leftOut === undefined || reach === undefined || leftOut > reach;
    return keepsTaken && missesNone;
  }

  async catchUp(
    store: EventStore,
    { reach, pageSize = PAGE }: { reach?: number; pageSize?: number } = {},
  ): Promise<void> {
    for (;;) {
      const from = this.position;
      const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: pageSize });
      const last = page[page.length - 1];
      if (last === undefined) return;
      let { taken, leftOut } = this.beyondDay;
      const happened = page.filter((event) => {
        if (!this.projected(event)) return false;
        const when = whenHappened(event);
        if (when === undefined) return false;
        if (when.day <= this.day) return true;
        if (reach !== undefined && when.at <= reach) {
          taken = Math.max(taken ?? when.at, when.at);
          return true;
        }
        leftOut = Math.min(leftOut ?? when.at, when.at);
        return false;
      });
      // Moved only once the page has committed: a failed page is read again next time.
      if (happened.length > 0) this.applyPage(happened);
      this.position = last.position;
      this.beyondDay = { taken, leftOut };
      if (page.length < pageSize) return;
    }
  }
}
