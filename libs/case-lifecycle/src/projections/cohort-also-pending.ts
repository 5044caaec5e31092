import type Database from 'better-sqlite3';
import type { CohortRow } from './cohort-item';
import { OPEN_CASE } from './cohort-select';

interface Tables {
  table(local: string): string;
}

interface AwaitingCase {
  case_id: string;
  person_id: string;
}

/**
 * For each of `rows`, the other IOM referrals of the panel awaiting a decision (open, undecided)
 * that are about the same person now, in referral order: the duplicates a merge revealed. The
 * eligible-not-adopted list shows such a person once, by the first referred; this names the rest,
 * so a coordinator deciding that one knows which to close.
 */
export function alsoPendingBeside(
  rows: readonly CohortRow[],
  connection: Database.Database,
  tables: Tables,
  panel: string,
  personOfCase: (caseId: string, referralPersonId: string) => string,
): Map<string, string[]> {
  const answer = new Map<string, string[]>();
  if (rows.length === 0) return answer;
  const awaiting = connection
    .prepare<[string], AwaitingCase>(
      `SELECT case_id, person_id FROM ${tables.table('cases')}
        WHERE panel = ? AND ${OPEN_CASE} AND iom_decision IS NULL ORDER BY referred_order, case_id`,
    )
    .all(panel);
  const byPerson = new Map<string, string[]>();
  for (const row of awaiting) {
    const person = personOfCase(row.case_id, row.person_id);
    byPerson.set(person, [...(byPerson.get(person) ?? []), row.case_id]);
  }
  for (const row of rows) {
    const others = (byPerson.get(personOfCase(row.case_id, row.person_id)) ?? []).filter((id) => id !== row.case_id);
    answer.set(row.case_id, others);
  }
  return answer;
}
