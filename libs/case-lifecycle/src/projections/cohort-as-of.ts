import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { eventFilter } from '../../../read-models/src/projection-definition';
import { ukDay } from '../domain/calendar';
import { cohortProjection } from './cohort.projection';

const PAGE = 10_000;

/**
 * The UK date the event happened on: the command's `occurredAt` where it has one, else the
 * metadata's. A listing counts no later than its meeting's day: the listing route takes no
 * `occurredAt`, and a case discussed at a meeting was on its agenda by then, however late that
 * was entered.
 */
function dayHappened(event: RecordedEvent): string | undefined {
  const data = event.data as { occurredAt?: unknown; meetingDate?: unknown };
  const at = data.occurredAt ?? event.metadata.occurredAt;
  const day = typeof at === 'string' ? ukDay(at) : undefined;
  if (event.type !== 'case-listed' || typeof data.meetingDate !== 'string') return day;
  const meetingDay = ukDay(data.meetingDate);
  return day === undefined || (meetingDay !== undefined && meetingDay < day) ? meetingDay : day;
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
 */
export class CohortAsOf {
  readonly tables: VersionedProjectionDatabase;
  /** The last position whose page has been applied; undefined before the first page. */
  private position: bigint | undefined;
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

  async catchUp(store: EventStore, pageSize = PAGE): Promise<void> {
    for (;;) {
      const from = this.position;
      const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: pageSize });
      const last = page[page.length - 1];
      if (last === undefined) return;
      const happened = page.filter((event) => {
        if (!this.projected(event)) return false;
        const happenedOn = dayHappened(event);
        return happenedOn !== undefined && happenedOn <= this.day;
      });
      // Moved only once the page has committed: a failed page is read again next time.
      if (happened.length > 0) this.applyPage(happened);
      this.position = last.position;
      if (page.length < pageSize) return;
    }
  }
}
