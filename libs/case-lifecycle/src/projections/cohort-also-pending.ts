import type Database from 'better-sqlite3';
import type { CohortRow } from './cohort-item';
import type { CasesOfPeopleNow } from './cohort-people-now';
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
 *
 * Read per page, not per panel: the cases the page's people hold now (one statement, as the MARAC
 * repeat check reads them), then which of those, or of the cases referred under the page's ids,
 * await a decision here. A case referred under those ids that the index has not reached yet, or
 * that a split has moved to someone else, is asked about on its own, as `personOfCase` answers it.
 */
export function alsoPendingBeside(
  rows: readonly CohortRow[],
  connection: Database.Database,
  tables: Tables,
  panel: string,
  people: Pick<CasesOfPeopleNow, 'personOfCase' | 'casesHeldWith'>,
): Map<string, string[]> {
  const answer = new Map<string, string[]>();
  if (rows.length === 0) return answer;
  const personNow = new Map(rows.map((row) => [row.case_id, people.personOfCase(row.case_id, row.person_id)]));
  const heldBy = new Map<string, string>();
  for (const held of people.casesHeldWith(
    rows.map((row) => ({ caseId: row.case_id, referralPersonId: row.person_id })),
  )) {
    const person = personNow.get(held.ofCaseId);
    if (person !== undefined) heldBy.set(held.caseId, person);
  }
  const referredAs = new Set([...rows.map((row) => row.person_id), ...personNow.values()]);
  // Driven by the ids (case_id, by_person): `+panel` keeps SQLite, without statistics, from
  // walking the panel's open cases instead, which is the backlog this read must not cost.
  const cases = tables.table('cases');
  const awaiting = connection
    .prepare<[string, string, string], AwaitingCase>(
      `SELECT case_id, person_id FROM ${cases}
        WHERE case_id IN (SELECT value FROM json_each(?)
                          UNION SELECT case_id FROM ${cases} WHERE person_id IN (SELECT value FROM json_each(?)))
          AND +panel = ? AND ${OPEN_CASE} AND iom_decision IS NULL
        ORDER BY referred_order, case_id`,
    )
    .all(JSON.stringify([...heldBy.keys()]), JSON.stringify([...referredAs]), panel);
  const byPerson = new Map<string, string[]>();
  for (const row of awaiting) {
    const person = heldBy.get(row.case_id) ?? people.personOfCase(row.case_id, row.person_id);
    byPerson.set(person, [...(byPerson.get(person) ?? []), row.case_id]);
  }
  for (const row of rows) {
    const others = (byPerson.get(personNow.get(row.case_id) ?? row.person_id) ?? []).filter((id) => id !== row.case_id);
    answer.set(row.case_id, others);
  }
  return answer;
}
