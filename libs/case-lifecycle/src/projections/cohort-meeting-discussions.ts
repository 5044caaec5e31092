import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { meetingIdFromStream } from '../domain/stream-names';

interface Tables {
  table(local: string): string;
}

/** When a meeting recorded held sat, and the cases it names as discussed. */
interface Held {
  readonly heldAt: string;
  readonly casesDiscussed: ReadonlySet<string>;
}

/** By meeting id: when it sat, by the id of each case it discussed. */
export type MeetingDiscussions = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * One row per case a meeting recorded held names as discussed. Coordinators often record a
 * meeting held, naming the cases it reached, without recording each case's discussion on the
 * case, so the case's own stream says nothing of it. Whether the case is listed there is asked
 * when rows are built: a case's listing can come after the meeting's record in the log.
 */
export function migrateMeetingDiscussions(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('meeting_discussions')} (
    meeting_id TEXT NOT NULL, case_id TEXT NOT NULL, held_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id)) WITHOUT ROWID`);
}

const statements = (db: ProjectionDatabase) => ({
  forget: db.prepare<unknown, [string]>(`DELETE FROM ${db.table('meeting_discussions')} WHERE meeting_id = ?`),
  save: db.prepare<unknown, [string, string, string]>(
    `INSERT INTO ${db.table('meeting_discussions')} (meeting_id, case_id, held_at) VALUES (?, ?, ?)`,
  ),
});

function heldIn(event: RecordedEvent): Held | undefined {
  if (event.type !== 'meeting-held') return undefined;
  const { occurredAt, casesDiscussed } = event.data as { occurredAt?: unknown; casesDiscussed?: unknown };
  if (typeof occurredAt !== 'string') return undefined;
  const named = Array.isArray(casesDiscussed) ? casesDiscussed.filter((id) => typeof id === 'string') : [];
  return { heldAt: occurredAt, casesDiscussed: new Set(named) };
}

/**
 * As the meeting's own record has it: the latest record of it held says when it sat and which
 * cases it reached (a cancellation recorded after it leaves both, as it leaves the agenda's).
 */
export function saveMeetingDiscussions(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
  const latest = new Map<string, Held>();
  for (const event of events) {
    const held = heldIn(event);
    const meetingId = held === undefined ? undefined : meetingIdFromStream(event.stream);
    if (held !== undefined && meetingId !== undefined) latest.set(meetingId, held);
  }
  if (latest.size === 0) return;
  const sql = db.statements(statements);
  for (const [meetingId, { heldAt, casesDiscussed }] of latest) {
    sql.forget.run(meetingId);
    for (const caseId of casesDiscussed) sql.save.run(meetingId, caseId, heldAt);
  }
}

/** What the meetings among `meetingIds` recorded held say they discussed. */
export function discussionsAmong(
  connection: Database.Database,
  tables: Tables,
  meetingIds: readonly string[],
): MeetingDiscussions {
  const discussions = new Map<string, Map<string, string>>();
  if (meetingIds.length === 0) return discussions;
  const rows = connection
    .prepare<[string], { meeting_id: string; case_id: string; held_at: string }>(
      `SELECT meeting_id, case_id, held_at FROM ${tables.table('meeting_discussions')}
       WHERE meeting_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(meetingIds));
  for (const { meeting_id, case_id, held_at } of rows) {
    const discussed = discussions.get(meeting_id) ?? new Map<string, string>();
    discussed.set(case_id, held_at);
    discussions.set(meeting_id, discussed);
  }
  return discussions;
}
