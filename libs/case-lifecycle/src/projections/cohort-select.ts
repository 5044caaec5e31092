import type { CohortCursor } from './cohort-cursor';
import { searchable, searchFolded, searchFoldedInSql } from './cohort-people';
import { ukDateAt } from '../domain/calendar';
import type { CohortQuery } from './cohort.query';
import { dueFrom, ENFORCEMENT_RULES } from './cohort-enforcement';
import { waitsForMeetingBy } from './cohort-waiting-listings';

interface Tables {
  table(local: string): string;
}

/** An open case, as the partial index `cases_open_by_referral` spells it (the planner matches the text). */
export const OPEN_CASE = "phase NOT IN ('closed', 'declined')";
/** An IOM rejection is `iom-case-rejected` then `referral-declined`: the case is not open. */
export const IOM_REJECTION = "phase = 'declined' AND iom_decision = 'rejected'";
const OPEN = `c.${OPEN_CASE}`;
const REJECTED = "c.phase = 'declined' AND c.iom_decision = 'rejected'";

/** Whether a row is an IOM rejection (as `REJECTED` selects them). */
export const isRejection = (row: { phase: string; iom_decision: string | null }): boolean =>
  row.phase === 'declined' && row.iom_decision === 'rejected';

/**
 * Which cases the eligibility state covers. The tracker lists open cases, but an IOM rejection
 * closes the referral, so `rejected` and `eligible-not-adopted` (the people London could not say
 * why it was not managing) reach the declined cases that carry the recorded reason. Whether a
 * rejection still stands depends on who the person is now, after merges and splits, which the
 * table does not know: the service decides (`standingGaps`).
 */
export function eligibilityClause(eligibility: CohortQuery['eligibility']): { sql: string; params: unknown[] } {
  switch (eligibility) {
    case 'eligible':
      return { sql: `${OPEN} AND c.iom_eligible = 1`, params: [] };
    case 'not-eligible':
      return { sql: `${OPEN} AND c.iom_eligible = 0`, params: [] };
    // No evaluation yet: a referral form without OGRS/OVP scores (the column is null only then on IOM).
    case 'not-assessed':
      return { sql: `${OPEN} AND c.iom_eligible IS NULL`, params: [] };
    case 'adopted':
    case 'discretionary':
      return { sql: `${OPEN} AND c.iom_decision = ?`, params: [eligibility] };
    case 'rejected':
      return { sql: REJECTED, params: [] };
    case 'eligible-not-adopted':
      return {
        sql: `c.iom_eligible = 1 AND ((${OPEN} AND c.iom_decision IS NULL) OR (${REJECTED}))`,
        params: [],
      };
    case undefined:
      return { sql: OPEN, params: [] };
  }
}

/** Escapes LIKE's wildcards so that `%` and `_` in a name search are plain characters. */
const likeWord = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A further condition on the cases (`c`), with its parameters: what another read model decides in SQL. */
export interface CohortClause {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Common tables (`name AS (...)`, comma-separated) the condition reads: put before the statement, so that every use shares one answer. */
  readonly with?: { readonly sql: string; readonly params: readonly unknown[] };
}

/** Every one of `clauses` (none: undefined). */
export function allOf(...clauses: (CohortClause | undefined)[]): CohortClause | undefined {
  const given = clauses.filter((clause): clause is CohortClause => clause !== undefined);
  if (given.length <= 1) return given[0];
  const withs = given.flatMap((clause) => (clause.with === undefined ? [] : [clause.with]));
  return {
    sql: given.map((clause) => `(${clause.sql})`).join(' AND '),
    params: given.flatMap((clause) => clause.params),
    ...(withs.length === 0
      ? {}
      : {
          with: {
            sql: withs.map((w) => w.sql).join(', '),
            params: withs.flatMap((w) => w.params),
          },
        }),
  };
}

const withClause = (also: CohortClause | undefined, statement: { sql: string; params: unknown[] }) =>
  also?.with === undefined
    ? statement
    : { sql: `WITH ${also.with.sql} ${statement.sql}`, params: [...also.with.params, ...statement.params] };

/** The words a name search matches, each on its own: names come forename first or surname first, with stray spaces. */
export const searchWords = (q: string | undefined): string[] =>
  searchFolded(searchable(q ?? ''))
    .split(/\s+/)
    .filter((word) => word !== '');

/**
 * Where the page starts and how many rows it holds: strictly after `after` when given (`offset`
 * is then 0), else `offset` rows in.
 */
export interface CohortPageBounds {
  readonly offset: number;
  readonly limit: number;
  readonly after?: CohortCursor;
}

/** The cases the query selects, as a `FROM ... WHERE ...` clause and its parameters. */
function cohortScope(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
  named: boolean,
  also?: CohortClause,
): { sql: string; params: unknown[] } {
  const cases = tables.table('cases');
  const scope = eligibilityClause(query.eligibility);
  const where = [`c.panel = ?`, `(${scope.sql})`];
  const params: unknown[] = [panel, ...scope.params];
  const filter = (clause: string, ...values: unknown[]): void => {
    where.push(clause);
    params.push(...values);
  };
  if (query.status !== undefined) filter('c.current_status = ?', query.status);
  if (query.rag !== undefined) filter('c.rag = ?', query.rag);
  if (query.idva === 'none') where.push('c.marac_idva IS NULL');
  else if (query.idva !== undefined) filter('c.marac_idva = ?', query.idva);
  // The row's next meeting is the earliest listing not discussed: the one the case waits for is
  // never earlier, so only a case whose earliest listing's text date is at most a day past the date
  // (an offset east of London) can qualify; that cheap test spares the others the listings' lookup.
  // The day after 9999-12-31 is NULL in SQLite, and that date is what clients send for "no limit".
  if (query.nextReviewBefore !== undefined)
    filter(
      `c.next_meeting IS NOT NULL AND substr(c.next_meeting, 1, 10) <= COALESCE(date(?, '+1 day'), '9999-12-31') AND ${waitsForMeetingBy(tables)}`,
      query.nextReviewBefore,
      ukDateAt(now),
      query.nextReviewBefore,
    );
  const words = searchWords(query.q);
  for (const word of words) filter(`${searchFoldedInSql('p.search_name')} LIKE ? ESCAPE '\\'`, likeWord(word));
  if (query.enforcement !== undefined) {
    const { column } = ENFORCEMENT_RULES[query.enforcement];
    filter(`c.${column} IS NOT NULL AND c.${column} <= ?`, dueFrom(query.enforcement, ukDateAt(now)));
  }
  if (query.overdue === 'true') {
    filter(
      '((c.earliest_action_due IS NOT NULL AND c.earliest_action_due < ?) OR (c.follow_up_due IS NOT NULL AND c.follow_up_due < ?))',
      ukDateAt(now),
      now.toISOString(),
    );
  }
  if (also !== undefined) filter(also.sql, ...also.params);
  // Only the name search needs the names to count; the page reads its own rows' names.
  const people = named || words.length > 0 ? ` LEFT JOIN ${tables.table('people')} p ON p.person_id = c.person_id` : '';
  return { sql: `FROM ${cases} c${people} WHERE ${where.join(' AND ')}`, params };
}

const REFERRAL_ORDER = 'c.referred_order, c.case_id';

/**
 * The tracker's rows for the query, in referral order: by the instant, which `referred_order`
 * holds in UTC so that its text order is time order and an index serves it (`cases_open_by_referral`).
 * `now` decides what is overdue. With `page`, only that page is read: the first row's key is found
 * on the index (a deep offset skips index entries, never whole rows) and the page runs from it;
 * after a cursor, the page runs from just past its key on the same index.
 */
export function selectCohort(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
  page?: CohortPageBounds,
  also?: CohortClause,
): { sql: string; params: unknown[] } {
  const scope = cohortScope(tables, query, panel, now, true, also);
  const rows = `SELECT c.*, p.display_name, p.search_name ${scope.sql}`;
  if (page === undefined) return withClause(also, { sql: `${rows} ORDER BY ${REFERRAL_ORDER}`, params: scope.params });
  if (page.after !== undefined)
    return withClause(also, {
      sql: `${rows} AND (${REFERRAL_ORDER}) > (?, ?) ORDER BY ${REFERRAL_ORDER} LIMIT ?`,
      params: [...scope.params, page.after.referredOrder, page.after.caseId, page.limit],
    });
  const first = cohortScope(tables, query, panel, now, false, also);
  return withClause(also, {
    sql: `${rows} AND (${REFERRAL_ORDER}) >= (SELECT ${REFERRAL_ORDER} ${first.sql} ORDER BY ${REFERRAL_ORDER} LIMIT 1 OFFSET ?)
          ORDER BY ${REFERRAL_ORDER} LIMIT ?`,
    params: [...scope.params, ...first.params, page.offset, page.limit],
  });
}

/** How many rows `selectCohort` selects for the query, whatever the page. */
export function countCohort(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
  also?: CohortClause,
): { sql: string; params: unknown[] } {
  const scope = cohortScope(tables, query, panel, now, false, also);
  return withClause(also, { sql: `SELECT COUNT(*) ${scope.sql}`, params: scope.params });
}

/** The ids of the cases the query selects that also meet `also`, in no order: for the few a page must mention. */
export function selectCohortIds(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
  also: CohortClause,
): { sql: string; params: unknown[] } {
  const scope = cohortScope(tables, query, panel, now, false, also);
  return withClause(also, { sql: `SELECT c.case_id ${scope.sql}`, params: scope.params });
}

/** The name of the count `selectCountedCohort` adds to each row. */
export const COUNTED = 'cohort_total';

/**
 * `selectCohort`'s page and `countCohort`'s count in one statement, each row carrying the count
 * (`COUNTED`; one row of NULLs besides it when the page is empty): what `also` reads (its `WITH`)
 * is then worked out once for both, not once each.
 */
export function selectCountedCohort(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
  page: CohortPageBounds,
  also: CohortClause,
): { sql: string; params: unknown[] } {
  const bare = { sql: also.sql, params: also.params };
  const rows = selectCohort(tables, query, panel, now, page, bare);
  const count = countCohort(tables, query, panel, now, bare);
  return withClause(also, {
    sql: `SELECT n.${COUNTED}, r.* FROM (${count.sql.replace('SELECT COUNT(*)', `SELECT COUNT(*) AS ${COUNTED}`)}) n
            LEFT JOIN (${rows.sql}) r ON 1 ORDER BY r.referred_order, r.case_id`,
    params: [...count.params, ...rows.params],
  });
}
