import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';

/**
 * The trail's tables. A rebuild appends one slim `entries` row per event in log order (rowid =
 * position) and little else, so an entry leaves out what can be had another way: who did what
 * (actor and action) is a key into `acts`; a case stream's name is `case-<case_id>` (stored
 * NULL); `occurred_at` is NULL when it equals `at` (and for reads, which show none); `detail`
 * holds only what a read shows (parameters, result count, subject). `subjects` lists the cases
 * and people an entry names besides its own `case_id` / `person_id` (`named`: their place in the
 * event's data). `case_people` holds the people of each case from its referral on (`since`):
 * queries find a case's entries under its people through it; `role` says whether the case is about
 * them (`subject`: the referral's `personId`) or only names them (`named`: perpetrator, child, ...).
 * `stretches` holds the earliest and latest `at` of every `STRETCH` positions, which turns a time
 * filter into a range of positions (`trail-stretches.ts`). `stream_subjects` holds what a
 * disclosure's or meeting's stream is about (its entry's case and person, the meeting's agenda),
 * for its events that name none of it (`trail-stream-subjects.ts`).
 */
export function createTrailTables(db: ProjectionDatabase): void {
  db.exec(`
    CREATE TABLE ${db.table('entries')} (
      position INTEGER PRIMARY KEY, at TEXT NOT NULL, act INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT,
      revision INTEGER NOT NULL, case_id TEXT, person_id TEXT, purpose TEXT, occurred_at TEXT,
      correlation_id TEXT, detail TEXT
    );
    CREATE TABLE ${db.table('acts')} (
      key INTEGER PRIMARY KEY, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_agency TEXT NOT NULL,
      action TEXT NOT NULL, UNIQUE (actor_id, actor_name, actor_agency, action)
    );
    CREATE TABLE ${db.table('subjects')} (
      position INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, named INTEGER NOT NULL,
      PRIMARY KEY (position, kind, id)
    ) WITHOUT ROWID;
    CREATE TABLE ${db.table('case_people')} (
      case_id TEXT NOT NULL, person_id TEXT NOT NULL, since INTEGER NOT NULL, role TEXT NOT NULL,
      PRIMARY KEY (case_id, person_id)
    ) WITHOUT ROWID;
    CREATE TABLE ${db.table('case_panels')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE ${db.table('stretches')} (stretch INTEGER PRIMARY KEY, earliest TEXT NOT NULL, latest TEXT NOT NULL);
    CREATE TABLE ${db.table('stream_subjects')} (
      stream TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, since INTEGER NOT NULL,
      PRIMARY KEY (stream, kind, id)
    ) WITHOUT ROWID;
  `);
}

/** What queries look entries up by; `apply` reads none of them, so they are built once at the head. */
export function createTrailIndexes(db: ProjectionDatabase): void {
  const entries = db.table('entries');
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${db.table('entries_by_case')} ON ${entries} (case_id, position)
      WHERE case_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS ${db.table('entries_by_person')} ON ${entries} (person_id, position)
      WHERE person_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS ${db.table('entries_by_act')} ON ${entries} (act, position);
    CREATE INDEX IF NOT EXISTS ${db.table('subjects_by_id')} ON ${db.table('subjects')} (kind, id, position);
    CREATE INDEX IF NOT EXISTS ${db.table('case_people_by_person')} ON ${db.table('case_people')} (person_id);
  `);
}
