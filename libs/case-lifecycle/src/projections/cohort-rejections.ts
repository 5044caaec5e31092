import type Database from 'better-sqlite3';
import { isRejection } from './cohort-select';

interface Tables {
  table(local: string): string;
}

/** What the check reads of a case. */
interface PanelCase {
  case_id: string;
  person_id: string;
  phase: string;
  last_position: number;
}

/**
 * The panel's cases that can overturn a rejection recorded at `since` or earlier: taken on
 * (open, or closed after being managed), or declined later.
 */
function overturningCases(connection: Database.Database, tables: Tables, panel: string, since: number): PanelCase[] {
  return connection
    .prepare<[string, number], PanelCase>(
      `SELECT case_id, person_id, phase, last_position FROM ${tables.table('cases')}
        WHERE panel = ? AND (phase <> 'declined' OR last_position > ?)`,
    )
    .all(panel, since);
}

/**
 * `rows` without the rejections that no longer stand: the person, as they are now, has another
 * case on the panel that was taken on or rejected later. A person referred again is listed by the
 * new referral, once, not also by the old rejection, even when the second referral first made a
 * new person that a reviewer later merged with the first (the table keeps the person at referral).
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
  const since = rejections.reduce((earliest, row) => Math.min(earliest, row.last_position), Infinity);
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
        (other) =>
          other.case_id !== row.case_id && (other.phase !== 'declined' || other.last_position > row.last_position),
      ),
  );
}
