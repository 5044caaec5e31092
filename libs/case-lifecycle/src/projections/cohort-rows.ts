import type Database from 'better-sqlite3';
import { ukDateAt } from '../domain/calendar';
import type { CohortRow } from './cohort-item';
import { isAfterCursor } from './cohort-cursor';
import { searchFolded } from './cohort-people';
import { lastDiscussedOf } from './cohort-last-discussed';
import { listedMeetings } from './cohort-meetings';
import { listingsInMemo } from './cohort-memo';
import { nextMeetingOn } from './cohort-next-meeting';
import { standingGaps } from './cohort-rejections';
import { stillEligible, type PeopleNow } from './cohort-eligibility';
import type { ReferralNames } from './cohort-referral-names';
import { notAdoptedInSql } from './cohort-not-adopted';
import {
  allOf,
  COUNTED,
  countCohort,
  searchWords,
  selectCohort,
  selectCohortIds,
  selectCountedCohort,
  type CohortPageBounds,
} from './cohort-select';
import type { CohortQuery } from './cohort.query';

interface Tables {
  table(local: string): string;
}

/** A page of the tracker's rows, and how many the query selects in all. */
export interface CohortRowsPage {
  readonly rows: CohortRow[];
  readonly total: number;
  /** Whether the query selects rows after the page's last: a `next` page exists. */
  readonly more: boolean;
}

/** One row past the page, read only to tell whether another page follows. */
const peeking = (page: CohortPageBounds | undefined) =>
  page === undefined ? undefined : { ...page, limit: page.limit + 1 };

/** The page's rows of those read with `peeking`, and whether another page follows. */
function trimmed(rows: CohortRow[], page: CohortPageBounds | undefined): { rows: CohortRow[]; more: boolean } {
  return page === undefined || rows.length <= page.limit
    ? { rows, more: false }
    : { rows: rows.slice(0, page.limit), more: true };
}

/** Where in `rows` (in referral order) the page starts: past the cursor, or `offset` in. */
function pageStart(rows: readonly CohortRow[], page: CohortPageBounds): number {
  const { after } = page;
  if (after === undefined) return page.offset;
  let [low, high] = [0, rows.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfterCursor(rows[middle] as CohortRow, after)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The tracker's rows for the query from the cohort tables in `connection`, as at `asAt`: the
 * SQL's candidates, narrowed by what the tables cannot say alone. Each row on the page gets the
 * meeting the case waits for on that day and when it was last discussed (`setMeetingColumns`); the
 * SQL decides `nextReviewBefore` on the same listings (`waiting_listings`). In `eligible-not-adopted`,
 * a rejection is kept only while it stands for the person as they are now, and any case only while
 * the person's latest eligibility evidence says eligible (`people`); a name search through the
 * person index (`names`) matches every name the panel recorded for the person now. When neither
 * narrows the rows, the SQL reads and counts the page alone. Without `page`, every row. Both ways
 * a page after a cursor starts at the same key, so the live tracker and a past day page alike.
 * Synchronous: a past day's tables may be let go once control returns to the event loop.
 */
export function cohortRows(
  connection: Database.Database,
  tables: Tables,
  query: CohortQuery,
  panel: string,
  asAt: Date,
  people: PeopleNow,
  names?: ReferralNames,
  page?: CohortPageBounds,
): CohortRowsPage {
  // A name search reaches every name the panel's referrals recorded for the person, which only
  // the person index holds: the SQL leaves the tracker's own names alone, and asks the index in
  // SQL where it shares the connection (the live tracker), or the rows are searched here.
  const words = names === undefined ? [] : searchWords(query.q);
  const asked = names === undefined ? query : { ...query, q: undefined };
  const inSql = words.length === 0 ? undefined : names?.searchedInSql?.(connection, panel, words);
  const byName = words.length > 0 && inSql === undefined;
  // Read once per statement, though the page reads it twice (its first row's key, then its rows).
  const named =
    inSql === undefined
      ? undefined
      : {
          sql: 'c.case_id IN named_cases',
          params: [],
          with: { sql: `named_cases(case_id) AS MATERIALIZED (${inSql.named.sql})`, params: inSql.named.params },
        };
  // As `searched` does for every candidate: those the index cannot name are pending, however few.
  if (inSql !== undefined) {
    const unnamed = selectCohortIds(tables, asked, panel, asAt, inSql.unnamed('c.case_id'));
    names?.notePending?.(
      connection
        .prepare<unknown[], string>(unnamed.sql)
        .pluck()
        .all(...unnamed.params),
    );
  }
  const day = ukDateAt(asAt);
  // Who a case is about now decides which rejections stand and whose evidence counts: in SQL where
  // the person index shares the connection, else (a past day, an older index) row by row here.
  const notAdopted = (() => {
    if (byName || query.eligibility !== 'eligible-not-adopted') return undefined;
    const inSql = people.inSql?.(connection);
    return inSql === undefined ? undefined : notAdoptedInSql(tables, panel, inSql);
  })();
  if (notAdopted !== undefined && page !== undefined) {
    const { sql, params } = selectCountedCohort(
      tables,
      asked,
      panel,
      asAt,
      { ...page, limit: page.limit + 1 },
      allOf(named, notAdopted) ?? notAdopted,
    );
    const counted = connection.prepare<unknown[], CohortRow & { [COUNTED]?: number }>(sql).all(...params);
    const total = counted[0]?.[COUNTED] ?? 0;
    const read = counted.filter((row) => row.case_id !== null);
    for (const row of read) delete row[COUNTED];
    const { rows, more } = trimmed(read, page);
    setMeetingColumns(connection, tables, rows, day);
    return { rows, total, more };
  }
  if (!byName && (query.eligibility !== 'eligible-not-adopted' || notAdopted !== undefined)) {
    const also = allOf(named, notAdopted);
    const { sql, params } = selectCohort(tables, asked, panel, asAt, peeking(page), also);
    const { rows, more } = trimmed(connection.prepare<unknown[], CohortRow>(sql).all(...params), page);
    setMeetingColumns(connection, tables, rows, day);
    if (page === undefined) return { rows, total: rows.length, more };
    const count = countCohort(tables, asked, panel, asAt, also);
    return {
      rows,
      more,
      total:
        connection
          .prepare<unknown[], number>(count.sql)
          .pluck()
          .get(...count.params) ?? 0,
    };
  }
  const { sql, params } = selectCohort(tables, asked, panel, asAt, undefined, named);
  const all = connection.prepare<unknown[], CohortRow>(sql).all(...params);
  const selected = byName && names !== undefined ? searchedByName(all, words, panel, names) : all;
  const kept =
    query.eligibility === 'eligible-not-adopted'
      ? stillEligible(
          standingGaps(selected, connection, tables, panel, people.personOfCase),
          connection,
          tables,
          people,
        )
      : selected;
  const start = page === undefined ? 0 : pageStart(kept, page);
  const end = page === undefined ? kept.length : start + page.limit;
  const onPage = kept.slice(start, end);
  setMeetingColumns(connection, tables, onPage, day);
  return { rows: onPage, total: kept.length, more: end < kept.length };
}

/**
 * The rows whose person the panel recorded under a name holding every word (each on its own, as
 * names come forename first or surname first). A row the person index cannot say about yet is
 * not matched: the tracker's own name may be one another panel recorded.
 */
function searchedByName(rows: CohortRow[], words: readonly string[], panel: string, names: ReferralNames): CohortRow[] {
  const known = names.searched(
    rows.map((row) => ({ caseId: row.case_id, referralPersonId: row.person_id })),
    panel,
  );
  return rows.filter((row) =>
    (known.get(row.case_id) ?? []).some((name) => words.every((word) => searchFolded(name).includes(word))),
  );
}

/**
 * The columns that depend on the meetings the case is listed on as well as on the case: the
 * meeting it waits for on `day`, and its last discussion, counting meetings recorded held that
 * named it. A case's row cannot hold them, as a meeting's record does not touch its cases' rows;
 * the meetings are read once for all the rows.
 */
function setMeetingColumns(connection: Database.Database, tables: Tables, rows: readonly CohortRow[], day: string) {
  const listings = rows.map((row) => listingsInMemo(row.memo));
  const meetingIds = new Set<string>();
  for (const listed of listings) for (const meetingId of listed.keys()) meetingIds.add(meetingId);
  const { settled, discussions } = listedMeetings(connection, tables, [...meetingIds]);
  rows.forEach((row, i) => {
    const listed = listings[i] as (typeof listings)[number];
    row.next_meeting = nextMeetingOn(listed, day, settled);
    row.last_discussed = lastDiscussedOf(row.case_id, row.last_discussed, listed, discussions);
  });
}
