import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { meetingIdFromStream } from '../domain/stream-names';

/** How a meeting ended: either way no case waits for it any more. */
export type MeetingOutcome = 'held' | 'cancelled';

/** By meeting id: when it sat, by the id of each case it discussed. */
export type MeetingDiscussions = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** What the meetings a set of cases is listed on say about those cases. */
export interface ListedMeetings {
  /** Held or cancelled: none of them is a meeting a case waits for. */
  readonly settled: ReadonlySet<string>;
  readonly discussions: MeetingDiscussions;
}

interface Tables {
  table(local: string): string;
}

/** When a meeting recorded held sat, and the cases it names as discussed. */
interface Held {
  readonly heldAt: string;
  readonly casesDiscussed: ReadonlySet<string>;
}

/**
 * What the meeting streams tell the tracker, which a case's own stream does not: `meetings`, one
 * row per meeting recorded held or cancelled (without it a cancelled meeting stayed the case's
 * next one, and a meeting held early stayed "next" until its date passed); `meeting_discussions`,
 * one row per case a meeting recorded held names as discussed (coordinators often record a
 * meeting held, naming the cases it reached, without recording each case's discussion). Whether
 * the case is listed there is asked when rows are built: a listing can come after the meeting's
 * record in the log.
 */
export function migrateMeetings(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('meetings')} (meeting_id TEXT PRIMARY KEY, outcome TEXT NOT NULL) WITHOUT ROWID`);
  db.exec(`CREATE TABLE ${db.table('meeting_discussions')} (
    meeting_id TEXT NOT NULL, case_id TEXT NOT NULL, held_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id)) WITHOUT ROWID`);
}

const statements = (db: ProjectionDatabase) => ({
  saveOutcome: db.prepare<unknown, [string, MeetingOutcome]>(
    `INSERT INTO ${db.table('meetings')} (meeting_id, outcome) VALUES (?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET outcome = excluded.outcome`,
  ),
  forgetDiscussions: db.prepare<unknown, [string]>(
    `DELETE FROM ${db.table('meeting_discussions')} WHERE meeting_id = ?`,
  ),
  saveDiscussion: db.prepare<unknown, [string, string, string]>(
    `INSERT INTO ${db.table('meeting_discussions')} (meeting_id, case_id, held_at) VALUES (?, ?, ?)`,
  ),
});

function heldIn(event: RecordedEvent): Held | undefined {
  const { occurredAt, casesDiscussed } = event.data as { occurredAt?: unknown; casesDiscussed?: unknown };
  if (typeof occurredAt !== 'string') return undefined;
  const named = Array.isArray(casesDiscussed) ? casesDiscussed.filter((id) => typeof id === 'string') : [];
  return { heldAt: occurredAt, casesDiscussed: new Set(named) };
}

/**
 * The batch's meeting events, latest first-hand: the latest held or cancelled record says how a
 * meeting ended (the decider allows only one, but a log holding both must fold alike wherever a
 * batch boundary falls), and the latest held record says when it sat and which cases it reached
 * (a cancellation recorded after it leaves both, as it leaves the agenda's). No row is read first.
 */
export function saveMeetings(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
  const outcomes = new Map<string, MeetingOutcome>();
  const held = new Map<string, Held>();
  for (const event of events) {
    if (event.type !== 'meeting-held' && event.type !== 'meeting-cancelled') continue;
    const meetingId = meetingIdFromStream(event.stream);
    if (meetingId === undefined) continue;
    if (event.type === 'meeting-cancelled') {
      outcomes.set(meetingId, 'cancelled');
      continue;
    }
    outcomes.set(meetingId, 'held');
    const record = heldIn(event);
    if (record !== undefined) held.set(meetingId, record);
  }
  if (outcomes.size === 0) return;
  const sql = db.statements(statements);
  for (const [meetingId, outcome] of outcomes) sql.saveOutcome.run(meetingId, outcome);
  for (const [meetingId, { heldAt, casesDiscussed }] of held) {
    sql.forgetDiscussions.run(meetingId);
    for (const caseId of casesDiscussed) sql.saveDiscussion.run(meetingId, caseId, heldAt);
  }
}

/** What the meetings among `meetingIds` say: which have ended, and whom the held ones discussed. */
export function listedMeetings(
  connection: Database.Database,
  tables: Tables,
  meetingIds: readonly string[],
): ListedMeetings {
  const discussions = new Map<string, Map<string, string>>();
  if (meetingIds.length === 0) return { settled: new Set(), discussions };
  const ids = JSON.stringify(meetingIds);
  const among = 'WHERE meeting_id IN (SELECT value FROM json_each(?))';
  const settled = connection
    .prepare<[string], string>(`SELECT meeting_id FROM ${tables.table('meetings')} ${among}`)
    .pluck()
    .all(ids);
  const rows = connection
    .prepare<
      [string],
      { meeting_id: string; case_id: string; held_at: string }
    >(`SELECT meeting_id, case_id, held_at FROM ${tables.table('meeting_discussions')} ${among}`)
    .all(ids);
  for (const { meeting_id, case_id, held_at } of rows) {
    const discussed = discussions.get(meeting_id) ?? new Map<string, string>();
    discussed.set(case_id, held_at);
    discussions.set(meeting_id, discussed);
  }
  return { settled: new Set(settled), discussions };
}
