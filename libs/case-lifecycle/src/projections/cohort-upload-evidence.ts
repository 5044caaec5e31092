import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { instantToIso, parseInstant } from '../domain/calendar';

/**
 * The monthly core-cohort import's stream (libs/cohort-import, `iomimport-<YYYY-MM>`). Read by its
 * event types only: cohort-import depends on this context, not the other way round.
 */
export const IOM_IMPORT_STREAM = 'iomimport-';

interface Tables {
  table(local: string): string;
}

/** What an upload said about one person: the month it covers and, once completed, where and when it completed. */
export interface UploadWord {
  readonly month: string;
  readonly eligible: boolean;
  readonly position: number;
  /** The file's receipt, as `wordInstant` gives it. */
  readonly at: string;
}

/**
 * When what `event` says was true, in canonical UTC so that text order is time order: the
 * command's `occurredAt` (a referral's evaluation: its `referredAt`), else the metadata's (an
 * upload's rows: the file's receipt). Words with neither count as the earliest ('').
 */
export function wordInstant(event: RecordedEvent): string {
  const { occurredAt } = (event.data ?? {}) as { occurredAt?: unknown };
  const at = typeof occurredAt === 'string' ? occurredAt : event.metadata?.occurredAt;
  const ms = typeof at === 'string' ? parseInstant(at) : undefined;
  return ms === undefined ? '' : instantToIso(ms);
}

interface ImportedPeople {
  readonly month?: unknown;
  readonly fileDigest?: unknown;
  readonly people?: readonly { readonly personId?: unknown; readonly eligible?: unknown; readonly outcome?: unknown }[];
}

/**
 * `iom_upload_pending` holds a file's rows until its closing `iom-cohort-file-imported`, which
 * counts them, or until a user cancels the upload (`iom-cohort-upload-cancelled`), which drops
 * them: held rows count for nothing, so a cancelled upload said nothing (its cases keep what it
 * already flagged on them). A run resumed after a shutdown completes the rows already written; the
 * same file uploaded again after a cancellation records its rows anew. `iom_upload_evidence`
 * holds each person id's latest completed word, months in calendar order: a corrected file for an
 * earlier month, accepted after a later one, does not overrule the later month; one for the same
 * month replaces it. Each word keeps its file's receipt (`occurred_at`), where it stands against
 * the words on the person's cases.
 */
export function migrateUploadEvidence(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('iom_upload_pending')} (
    month TEXT NOT NULL, file_digest TEXT NOT NULL, person_id TEXT NOT NULL, eligible INTEGER NOT NULL,
    PRIMARY KEY (month, file_digest, person_id)) WITHOUT ROWID`);
  db.exec(`CREATE TABLE ${db.table('iom_upload_evidence')} (
    person_id TEXT PRIMARY KEY, month TEXT NOT NULL, eligible INTEGER NOT NULL, position INTEGER NOT NULL,
    occurred_at TEXT NOT NULL) WITHOUT ROWID`);
}

const statements = (db: ProjectionDatabase) => ({
  pend: db.prepare<unknown, [string, string, string, number]>(
    `INSERT INTO ${db.table('iom_upload_pending')} (month, file_digest, person_id, eligible) VALUES (?, ?, ?, ?)
     ON CONFLICT (month, file_digest, person_id) DO UPDATE SET eligible = excluded.eligible`,
  ),
  complete: db.prepare<unknown, [number, string, string, string]>(
    `INSERT INTO ${db.table('iom_upload_evidence')} (person_id, month, eligible, position, occurred_at)
     SELECT person_id, month, eligible, ?, ? FROM ${db.table('iom_upload_pending')} WHERE month = ? AND file_digest = ?
     ON CONFLICT (person_id) DO UPDATE SET
       month = excluded.month, eligible = excluded.eligible, position = excluded.position,
       occurred_at = excluded.occurred_at
     WHERE excluded.month > month OR (excluded.month = month AND excluded.position > position)`,
  ),
  release: db.prepare<unknown, [string, string]>(
    `DELETE FROM ${db.table('iom_upload_pending')} WHERE month = ? AND file_digest = ?`,
  ),
});

/**
 * A `held` row (bad scores, person recognised) repeats last month's standing, so it is no evidence
 * of its own; an absentee is not eligible.
 */
function pendRows(sql: ReturnType<typeof statements>, event: RecordedEvent, month: string, digest: string): void {
  const { people } = event.data as ImportedPeople;
  if (!Array.isArray(people)) return;
  for (const { personId, eligible, outcome } of people) {
    if (typeof personId !== 'string') continue;
    if (event.type === 'iom-cohort-absentees-flagged') sql.pend.run(month, digest, personId, 0);
    else if (outcome !== 'held' && typeof eligible === 'boolean')
      sql.pend.run(month, digest, personId, Number(eligible));
  }
}

/** The import's events among `events`, in log order. */
export function saveUploadEvidence(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
  const sql = db.statements(statements);
  for (const event of events) {
    if (!event.stream.startsWith(IOM_IMPORT_STREAM)) continue;
    const { month, fileDigest } = event.data as ImportedPeople;
    if (typeof month !== 'string' || typeof fileDigest !== 'string') continue;
    if (event.type === 'iom-cohort-batch-imported' || event.type === 'iom-cohort-absentees-flagged')
      pendRows(sql, event, month, fileDigest);
    else if (event.type === 'iom-cohort-file-imported') {
      sql.complete.run(Number(event.position), wordInstant(event), month, fileDigest);
      sql.release.run(month, fileDigest);
    } else if (event.type === 'iom-cohort-upload-cancelled') sql.release.run(month, fileDigest);
  }
}

/**
 * The latest completed upload's word among `personIds` (all standing for one person), by month
 * first; one upload listing two of them (two ids since merged) counts as listing the person
 * eligible if either row does, rather than whichever row the database returned first.
 */
export function latestUploadWord(
  connection: Database.Database,
  tables: Tables,
  personIds: readonly string[],
): UploadWord | undefined {
  const latest = connection
    .prepare<[string], { month: string; eligible: number; position: number; occurred_at: string }>(
      `SELECT month, eligible, position, occurred_at FROM ${tables.table('iom_upload_evidence')}
        WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY month DESC, position DESC, eligible DESC LIMIT 1`,
    )
    .get(JSON.stringify(personIds));
  if (latest === undefined) return undefined;
  const { month, eligible, position, occurred_at: at } = latest;
  return { month, eligible: eligible === 1, position, at };
}
