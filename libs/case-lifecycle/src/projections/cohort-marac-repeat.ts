import type Database from 'better-sqlite3';
import { detectMaracRepeat } from '../domain/rules/marac-repeat';
import type { CasesOfPeopleNow } from './cohort-people-now';

interface Tables {
  table(local: string): string;
}

/** What the check reads of a MARAC case's row. */
export interface MaracRepeatRow {
  readonly case_id: string;
  readonly panel: string;
  readonly person_id: string;
  readonly referred_at: string;
  readonly marac_repeat: number | null;
  readonly marac_repeat_window: number | null;
}

/**
 * The MARAC cases among `rows` that the referral did not flag as a repeat but that are one as the
 * victim is known now: a reviewer merged two records of one victim after both were referred, so
 * the referral was judged against only part of the history. As at referral time
 * (`ReferralHistory.lastReferralTo`), the last earlier referral to the same panel counts, open,
 * closed or declined, judged by `detectMaracRepeat` with the window the referral recorded. Asked of
 * the person index at read time, like the person a case is about: a split takes the recognition
 * away as soon as it is recorded, and nothing is stored that a merge would have to rewrite.
 */
export function repeatsRecognisedLater(
  rows: readonly MaracRepeatRow[],
  connection: Database.Database,
  tables: Tables,
  people: Pick<CasesOfPeopleNow, 'personOfCase' | 'casesOf'>,
): Set<string> {
  const recognised = new Set<string>();
  const unflagged = rows.filter((row) => row.marac_repeat === 0);
  if (unflagged.length === 0) return recognised;
  const referredOn = connection.prepare<[string, string], { referred_at: string }>(
    `SELECT referred_at FROM ${tables.table('cases')} WHERE case_id IN (SELECT value FROM json_each(?)) AND panel = ?
      AND marac_repeat IS NOT NULL`,
  );
  for (const row of unflagged) {
    const others = people
      .casesOf(people.personOfCase(row.case_id, row.person_id))
      .filter((caseId) => caseId !== row.case_id);
    if (others.length === 0) continue;
    const at = Date.parse(row.referred_at);
    let last: string | undefined;
    for (const { referred_at } of referredOn.all(JSON.stringify(others), row.panel)) {
      const when = Date.parse(referred_at);
      if (when < at && (last === undefined || when > Date.parse(last))) last = referred_at;
    }
    if (last !== undefined && detectMaracRepeat(last, row.referred_at, row.marac_repeat_window ?? undefined).repeat)
      recognised.add(row.case_id);
  }
  return recognised;
}
