import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { meetingIdFromStream } from '../domain/stream-names';

/** How a meeting ended: either way no case waits for it any more. */
export type MeetingOutcome = 'held' | 'cancelled';

interface Tables {
  table(local: string): string;
}

/**
 * One row per meeting recorded held or cancelled. A case's listings live in its own stream and
 * say nothing of this, so without it a cancelled meeting stayed the case's next one, and a
 * meeting held early stayed "next" until its date passed.
 */
export function migrateMeetings(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('meetings')} (meeting_id TEXT PRIMARY KEY, outcome TEXT NOT NULL) WITHOUT ROWID`);
}

const statements = (db: ProjectionDatabase) => ({
  saveMeeting: db.prepare<unknown, [string, MeetingOutcome]>(
    `INSERT INTO ${db.table('meetings')} (meeting_id, outcome) VALUES (?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET outcome = excluded.outcome`,
  ),
});

function outcomeOf(event: RecordedEvent): MeetingOutcome | undefined {
  if (event.type === 'meeting-held') return 'held';
  return event.type === 'meeting-cancelled' ? 'cancelled' : undefined;
}

export function saveSettledMeetings(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
  const sql = db.statements(statements);
  // The latest event wins, so no row has to be read first. The decider allows only one, but a
  // log holding both must not fold differently wherever a batch boundary falls.
  const latest = new Map<string, MeetingOutcome>();
  for (const event of events) {
    const outcome = outcomeOf(event);
    const meetingId = outcome === undefined ? undefined : meetingIdFromStream(event.stream);
    if (outcome !== undefined && meetingId !== undefined) latest.set(meetingId, outcome);
  }
  for (const [meetingId, outcome] of latest) sql.saveMeeting.run(meetingId, outcome);
}

/** Which of `meetingIds` have been held or cancelled: none of them is a meeting a case waits for. */
export function settledAmong(
  connection: Database.Database,
  tables: Tables,
  meetingIds: readonly string[],
): ReadonlySet<string> {
  if (meetingIds.length === 0) return new Set();
  const rows = connection
    .prepare<[string], string>(
      `SELECT meeting_id FROM ${tables.table('meetings')} WHERE meeting_id IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(JSON.stringify(meetingIds));
  return new Set(rows);
}
