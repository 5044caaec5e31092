import type Database from 'better-sqlite3';
import { isAfterCursor } from './cohort-cursor';
import { isRejection, OPEN_CASE } from './cohort-select';

interface Tables {
  table(local: string): string;
}

/** What the check reads of a case. */
interface PanelCase {
  case_id: string;
  person_id: string;
  phase: string;
  referred_order: string;
}

const isOpen = (row: PanelCase): boolean => row.phase !== 'closed' && row.phase !== 'declined';

/** Whether `other` was referred after `row`, in the tracker's referral order (instant, then case id). */
const referredAfter = (other: PanelCase, row: PanelCase): boolean =>
  isAfterCursor(other, { referredOrder: row.referred_order, caseId: row.case_id });

/**
 * The panel's cases that can overturn a rejection referred at `since` or later: open ones, and
 * those referred no earlier (the exact order is settled in code, as SQL compares it).
 */
function overturningCases(connection: Database.Database, tables: Tables, panel: string, since: string): PanelCase[] {
  return connection
    .prepare<[string, string], PanelCase>(
      `SELECT case_id, person_id, phase, referred_order FROM ${tables.table('cases')}
        WHERE panel = ? AND (${OPEN_CASE} OR referred_order >= ?)`,
    )
    .all(panel, since);
}

/**
 * `rows` without the rejections that no longer stand: the person, as they are now, has been
 * referred to the panel again since (whatever became of that referral), or holds an open case of
 * it. A case referred earlier and closed (an earlier period on the panel, theirs or a record's
 * merged into them since) does not answer for a later rejection; an open one, which only a merge
 * can set beside it, does: the panel is managing them or deciding on them there. A person referred
 * again is listed by the new referral, once, not also by the old rejection, even when the second
 * referral first made a new person that a reviewer later merged with the first (the table keeps
 * the person at referral).
 */
export function standingRejections<Row extends PanelCase & { iom_decision: string | null }>(
  rows: Row[],
  connection: Database.Database,
  tables: Tables,
  panel: string,
  personOfCase: (caseId: string, referralPersonId: string) => string,
): Row[] {
  const rejections = rows.filter(isRejection);
  if (rejections.length === 0) return rows;
  const since = rejections.reduce((earliest, row) => (referredAfter(earliest, row) ? row : earliest)).referred_order;
  const casesOf = new Map<string, PanelCase[]>();
  for (const other of overturningCases(connection, tables, panel, since)) {
    const person = personOfCase(other.case_id, other.person_id);
    const known = casesOf.get(person);
    if (known === undefined) casesOf.set(person, [other]);
    else known.push(other);
  }
  return rows.filter(
    (row) =>
      !isRejection(row) ||
      !(casesOf.get(personOfCase(row.case_id, row.person_id)) ?? []).some(
        (other) => other.case_id !== row.case_id && (isOpen(other) || referredAfter(other, row)),
      ),
  );
}
