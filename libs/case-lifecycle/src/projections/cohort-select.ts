import { searchable } from './cohort-people';
import { ukDateAt } from '../domain/calendar';
import type { CohortQuery } from './cohort.query';
import { dueFrom, ENFORCEMENT_RULES } from './cohort-enforcement';

interface Tables {
  table(local: string): string;
}

const OPEN = "c.phase NOT IN ('closed', 'declined')";
/** An IOM rejection is `iom-case-rejected` then `referral-declined`: the case is not open. */
const REJECTED = "c.phase = 'declined' AND c.iom_decision = 'rejected'";

/** Whether a row is an IOM rejection (as `REJECTED` selects them). */
export const isRejection = (row: { phase: string; iom_decision: string | null }): boolean =>
  row.phase === 'declined' && row.iom_decision === 'rejected';

/**
 * Which cases the eligibility state covers. The tracker lists open cases, but an IOM rejection
 * closes the referral, so `rejected` and `eligible-not-adopted` (the people London could not say
 * why it was not managing) reach the declined cases that carry the recorded reason. Whether a
 * rejection still stands depends on who the person is now, after merges and splits, which the
 * table does not know: the service decides (`standingRejections`).
 */
function eligibilityClause(eligibility: CohortQuery['eligibility']): { sql: string; params: unknown[] } {
  switch (eligibility) {
    case 'eligible':
      return { sql: `${OPEN} AND c.iom_eligible = 1`, params: [] };
    case 'not-eligible':
      return { sql: `${OPEN} AND c.iom_eligible = 0`, params: [] };
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

/**
 * The tracker's rows for the query, in referral order (by the instant: referrals recorded before
 * intake wrote UTC may carry an offset); `now` decides what is overdue.
 */
export function selectCohort(
  tables: Tables,
  query: CohortQuery,
  panel: string,
  now: Date,
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
  // never earlier, so this keeps every case that can qualify (the service decides on the day).
  // The text's date is at most a day past the meeting's UK day (an offset east of London), so a
  // day's slack keeps every candidate.
  if (query.nextReviewBefore !== undefined)
    filter("c.next_meeting IS NOT NULL AND substr(c.next_meeting, 1, 10) <= date(?, '+1 day')", query.nextReviewBefore);
  // Each word on its own: names come forename first or surname first, with stray spaces.
  for (const word of searchable(query.q ?? '').split(/\s+/))
    if (word !== '') filter("p.search_name LIKE ? ESCAPE '\\'", likeWord(word));
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
  return {
    sql: `SELECT c.*, p.display_name, p.search_name FROM ${cases} c LEFT JOIN ${tables.table('people')} p ON p.person_id = c.person_id
          WHERE ${where.join(' AND ')} ORDER BY julianday(c.referred_at), c.case_id`,
    params,
  };
}
