import { Inject, Injectable, type OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { PanelDefinition } from '../domain';
import { endOfUkDay, ukDateAt } from '../domain/calendar';
import { cohortItem, type CohortRow } from './cohort-item';
import { nextMeetingOn } from './cohort-next-meeting';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import { selectCohort } from './cohort-select';
import { PastCohorts } from './past-cohorts';

/** The end of a `YYYY-MM-DD` UK day, in epoch ms: an as-of cohort holds everything that happened that day. */
const endOfDay = (day: string): number => endOfUkDay(day) ?? Date.parse(`${day}T23:59:59.999Z`);

/**
 * The rows with the meeting each case is waiting for on the day asked about, and only those
 * reviewed by `nextReviewBefore` (the SQL kept the rows whose earliest listing could qualify).
 */
function upcoming(rows: CohortRow[], query: CohortQuery, asAt: Date): CohortRow[] {
  const day = ukDateAt(asAt);
  for (const row of rows) row.next_meeting = nextMeetingOn(row.memo, day);
  const before = query.nextReviewBefore;
  return before === undefined
    ? rows
    : rows.filter((row) => row.next_meeting !== null && row.next_meeting.slice(0, 10) <= before);
}

/** Answers the live tracker from the cohort read model, and past dates by replaying history. */
@Injectable()
export class CohortService implements OnModuleDestroy {
  private readonly pastCohorts: PastCohorts;

  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.pastCohorts = new PastCohorts(store);
  }
  /** Merges and splits move cases between people: items show the person the case is about now. */
  @Inject(PersonIndexQuery) private readonly people!: PersonIndexQuery;

  async cohort(panel: PanelDefinition, query: CohortQuery, now: Date) {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    // A past day's items say what was overdue on that day, as its `overdue` filter does.
    const asAt = query.asOf === undefined ? now : new Date(Math.min(now.getTime(), endOfDay(query.asOf)));
    const rows = upcoming(
      query.asOf === undefined ? this.current(panel, query, now) : await this.asOf(panel, query, query.asOf, asAt),
      query,
      asAt,
    );
    return {
      panel: panel.code,
      ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
      total: rows.length,
      items: rows
        .slice(offset, offset + limit)
        .map((row) =>
          cohortItem(
            { ...row, person_id: this.people.personOfCase(row.case_id, row.person_id) },
            panel.rules.kind,
            asAt,
          ),
        ),
      ...(offset + limit < rows.length ? { next: { offset: offset + limit, limit } } : {}),
    };
  }

  private current(panel: PanelDefinition, query: CohortQuery, now: Date): CohortRow[] {
    const tables = this.readModels.tables(cohortProjection.name);
    // After a version bump the older version answers until the new one is rebuilt; its tables
    // lack the new columns, and an item built from them would misstate (an IOM case as flagged).
    if (tables.version !== cohortProjection.version) {
      throw new ServiceUnavailableException(
        `The cohort tracker is being rebuilt as version ${cohortProjection.version}; retry shortly`,
      );
    }
    const { sql, params } = selectCohort(tables, query, panel.code, now);
    return this.readModels.connection.prepare<unknown[], CohortRow>(sql).all(...params);
  }

  /**
   * The same projection, fed only the events that had happened by the end of that day (by
   * occurredAt, not by when they were recorded), in an in-memory database kept while the log
   * does not move (`PastCohorts`).
   */
  private asOf(panel: PanelDefinition, query: CohortQuery, day: string, asAt: Date): Promise<CohortRow[]> {
    return this.pastCohorts.query(day, (tables, connection) => {
      const { sql, params } = selectCohort(tables, query, panel.code, asAt);
      return connection.prepare<unknown[], CohortRow>(sql).all(...params);
    });
  }

  onModuleDestroy(): void {
    this.pastCohorts.close();
  }
}
