import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import type { MaracRepeatSource, ReferralMade } from '../domain';

interface Tables {
  table(local: string): string;
}

/** What a MARAC referral's form said of the victim's last MARAC, and where its repeat was known from then. */
export interface ReportedPreviousMarac {
  /** The form's previous MARAC date (YYYY-MM-DD). */
  readonly reportedOn: string;
  readonly repeatFrom: MaracRepeatSource | null;
}

/**
 * `marac_reported`: the previous MARAC date the referral form gave (before go-live, or another
 * area's), for each MARAC referral judged with it (one that recorded `repeatFrom`; older ones were
 * judged on the history alone, and are read so). Beside the row, not a column: few referrals give
 * one, and the repeat as known now is judged on it and on the history as known now (a repeat of either)
 * (`repeatsAsKnownNow`).
 */
export function migrateMaracReported(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('marac_reported')} (
    case_id TEXT PRIMARY KEY, reported_on TEXT NOT NULL, repeat_from TEXT) WITHOUT ROWID`);
}

const statements = (db: ProjectionDatabase) => ({
  save: db.prepare<unknown, [string, string, string | null]>(
    `INSERT INTO ${db.table('marac_reported')} (case_id, reported_on, repeat_from) VALUES (?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET reported_on = excluded.reported_on, repeat_from = excluded.repeat_from`,
  ),
});

/** The form's date of each MARAC referral among `referrals` (those that opened their case) that was judged with it. */
export function saveMaracReported(db: ProjectionDatabase, referrals: readonly RecordedEvent[]): void {
  let sql: ReturnType<typeof statements> | undefined;
  for (const event of referrals) {
    if (event.type !== 'referral-made') continue;
    const { data } = event as unknown as ReferralMade;
    const details = data.details;
    if (details.kind !== 'marac' || details.repeatFrom === undefined) continue;
    if (details.previousMaracDateReported === undefined) continue;
    sql ??= db.statements(statements);
    sql.save.run(data.caseId, details.previousMaracDateReported, details.repeatFrom);
  }
}

/** The form's dates of those of `caseIds` that have one. */
export function reportedPreviousMaracs(
  connection: Database.Database,
  tables: Tables,
  caseIds: readonly string[],
): Map<string, ReportedPreviousMarac> {
  if (caseIds.length === 0) return new Map();
  const found = connection
    .prepare<[string], { case_id: string; reported_on: string; repeat_from: MaracRepeatSource | null }>(
      `SELECT case_id, reported_on, repeat_from FROM ${tables.table('marac_reported')}
        WHERE case_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(caseIds));
  return new Map(found.map((row) => [row.case_id, { reportedOn: row.reported_on, repeatFrom: row.repeat_from }]));
}
