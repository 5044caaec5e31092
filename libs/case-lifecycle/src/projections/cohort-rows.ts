import type Database from 'better-sqlite3';
import { ukDateAt } from '../domain/calendar';
import type { CohortRow } from './cohort-item';
import { settledAmong } from './cohort-meetings';
import { setNextMeetings } from './cohort-next-meeting';
import { standingRejections } from './cohort-rejections';
import { selectCohort } from './cohort-select';
import type { CohortQuery } from './cohort.query';

interface Tables {
  table(local: string): string;
}

/**
 * The tracker's rows for the query from the cohort tables in `connection`, as at `asAt`: the
 * SQL's candidates, narrowed by what the tables cannot say alone. Each row gets the meeting the
 * case waits for on that day, and only those reviewed by `nextReviewBefore` are kept (the SQL
 * kept the rows whose earliest listing could qualify); a rejection is kept only while it stands
 * for the person as they are now (`personOfCase`). Synchronous: a past day's tables may be let
 * go once control returns to the event loop.
 */
export function cohortRows(
  connection: Database.Database,
  tables: Tables,
  query: CohortQuery,
  panel: string,
  asAt: Date,
  personOfCase: (caseId: string, referralPersonId: string) => string,
): CohortRow[] {
  const { sql, params } = selectCohort(tables, query, panel, asAt);
  const selected = connection.prepare<unknown[], CohortRow>(sql).all(...params);
  const rows =
    query.eligibility === 'eligible-not-adopted'
      ? standingRejections(selected, connection, tables, panel, personOfCase)
      : selected;
  setNextMeetings(rows, ukDateAt(asAt), (meetingIds) => settledAmong(connection, tables, meetingIds));
  const before = query.nextReviewBefore;
  return before === undefined
    ? rows
    : rows.filter((row) => row.next_meeting !== null && row.next_meeting.slice(0, 10) <= before);
}
