import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { ukDayOf } from '../domain/calendar';
import type { TrackedListing } from './cohort-tracked-case';

interface Tables {
  table(local: string): string;
}

/**
 * `waiting_listings`: each meeting a case is listed on and not yet discussed at, by the meeting's
 * UK day, so that the review-date filter is decided in SQL for every candidate without reading
 * their memos (`nextMeetingOn` reads the same listings for the page's rows). Whether the meeting
 * has since sat or been cancelled stays in `meetings`: a meeting's record does not touch its cases.
 */
export function migrateWaitingListings(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('waiting_listings')} (
    case_id TEXT NOT NULL, uk_day TEXT NOT NULL, meeting_id TEXT NOT NULL,
    PRIMARY KEY (case_id, uk_day, meeting_id)) WITHOUT ROWID`);
}

/** The case's waiting listings as one text: equal texts, equal rows (a save writes only a change). */
export function waitingOf(listings: ReadonlyMap<string, TrackedListing>): string {
  let waiting = '';
  listings.forEach(({ meetingDate, discussedAt }, meetingId) => {
    if (discussedAt === null) waiting += `${JSON.stringify([meetingId, meetingDate])},`;
  });
  return waiting;
}

const statements = (db: ProjectionDatabase) => ({
  forget: db.prepare<unknown, [string]>(`DELETE FROM ${db.table('waiting_listings')} WHERE case_id = ?`),
  save: db.prepare<unknown, [string, string, string]>(
    `INSERT INTO ${db.table('waiting_listings')} (case_id, uk_day, meeting_id) VALUES (?, ?, ?)`,
  ),
});

/** Replaces the case's waiting listings with those of `listings`. */
export function saveWaitingListings(
  db: ProjectionDatabase,
  caseId: string,
  listings: ReadonlyMap<string, TrackedListing>,
): void {
  const sql = db.statements(statements);
  sql.forget.run(caseId);
  listings.forEach(({ meetingDate, discussedAt }, meetingId) => {
    if (discussedAt === null) sql.save.run(caseId, ukDayOf(meetingDate), meetingId);
  });
}

/**
 * Whether case `c` waits, on the UK day given first, for a meeting sitting by the UK day given
 * second: listed there, not discussed, the meeting neither held nor cancelled, sitting that day or
 * later. The meeting it waits for (`nextMeetingOn`) is the earliest such, and a later instant is
 * never an earlier UK day, so that one sits by the date exactly when any does.
 */
export const waitsForMeetingBy = (tables: Tables): string =>
  `EXISTS (SELECT 1 FROM ${tables.table('waiting_listings')} w
     WHERE w.case_id = c.case_id AND w.uk_day >= ? AND w.uk_day <= ?
       AND NOT EXISTS (SELECT 1 FROM ${tables.table('meetings')} m WHERE m.meeting_id = w.meeting_id))`;
