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
  iom_eligible: number | null;
  iom_decision: string | null;
}

/** The IOM decisions that put a person in the cohort: while such a case is open, the panel manages them. */
const MANAGED = ['adopted', 'discretionary'];
/** `MANAGED` as an SQL list. */
export const MANAGED_DECISIONS = `(${MANAGED.map((decision) => `'${decision}'`).join(', ')})`;

const isOpen = (row: PanelCase): boolean => row.phase !== 'closed' && row.phase !== 'declined';
const isManaged = (row: PanelCase): boolean =>
  isOpen(row) && row.iom_decision !== null && MANAGED.includes(row.iom_decision);
/** An eligible referral awaiting a decision: what eligible-not-adopted lists besides rejections. */
const isAwaiting = (row: PanelCase): boolean => isOpen(row) && row.iom_decision === null && row.iom_eligible === 1;

/** Whether `other` was referred after `row`, in the tracker's referral order (instant, then case id). */
const referredAfter = (other: PanelCase, row: PanelCase): boolean =>
  isAfterCursor(other, { referredOrder: row.referred_order, caseId: row.case_id });

/**
 * The panel's cases that can take a case out of the gap: open ones, and those referred no earlier
 * than `since` (the earliest rejection; null: none), which can overturn a rejection (the exact
 * order is settled in code, as SQL compares it).
 */
function overturningCases(
  connection: Database.Database,
  tables: Tables,
  panel: string,
  since: string | null,
): PanelCase[] {
  return connection
    .prepare<[string, string | null], PanelCase>(
      `SELECT case_id, person_id, phase, referred_order, iom_eligible, iom_decision FROM ${tables.table('cases')}
        WHERE panel = ? AND (${OPEN_CASE} OR referred_order >= ?)`,
    )
    .all(panel, since);
}

/**
 * `rows` (rejections and referrals awaiting a decision) without those that are no gap for the
 * person as they are now, after merges and splits. A rejection no longer stands once the person has
 * been referred to the panel again since (whatever became of that referral), or while they hold an
 * open case of it. A case referred earlier and closed (an earlier period on the panel, theirs or a
 * record's merged into them since) does not answer for a later rejection; an open one, which only a
 * merge can set beside it, does: the panel is managing them or deciding on them there. A person
 * referred again is listed by the new referral, once, not also by the old rejection, even when the
 * second referral first made a new person that a reviewer later merged with the first (the table
 * keeps the person at referral). A referral awaiting a decision is no gap while the person is
 * managed on another open case (adopted, or by discretion): a duplicate a merge revealed, for the
 * panel to close, not a nominal it does not manage. Of two or more awaiting a decision for one
 * person (a merge revealed them), the one referred first is the gap, listed once; the others are
 * duplicates of it.
 */
export function standingGaps<Row extends PanelCase>(
  rows: Row[],
  connection: Database.Database,
  tables: Tables,
  panel: string,
  personOfCase: (caseId: string, referralPersonId: string) => string,
): Row[] {
  if (rows.length === 0) return rows;
  const rejections = rows.filter(isRejection);
  const since =
    rejections.length === 0
      ? null
      : rejections.reduce((earliest, row) => (referredAfter(earliest, row) ? row : earliest)).referred_order;
  const casesOf = new Map<string, PanelCase[]>();
  for (const other of overturningCases(connection, tables, panel, since)) {
    const person = personOfCase(other.case_id, other.person_id);
    const known = casesOf.get(person);
    if (known === undefined) casesOf.set(person, [other]);
    else known.push(other);
  }
  return rows.filter((row) => {
    const others = (casesOf.get(personOfCase(row.case_id, row.person_id)) ?? []).filter(
      (other) => other.case_id !== row.case_id,
    );
    return isRejection(row)
      ? !others.some((other) => isOpen(other) || referredAfter(other, row))
      : !others.some((other) => isManaged(other) || (isAwaiting(other) && referredAfter(row, other)));
  });
}
