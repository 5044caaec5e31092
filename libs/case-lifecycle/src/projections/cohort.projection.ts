import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { foldPerKey } from '../../../read-models/src/fold-per-key';
import type { ProjectionDatabase, ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { caseRow } from './cohort-case-row';
import {
  caseEvidence,
  IOM_IMPORT_STREAM,
  migrateEligibility,
  saveEligibility,
  type CaseEvidence,
} from './cohort-eligibility';
import { CASE_COLUMNS, STORED_COLUMNS, type StoredCase } from './cohort-columns';
import { migrateMaracReported, saveMaracReported } from './cohort-marac-reported';
import { migrateMeetings, saveMeetings } from './cohort-meetings';
import { trackedCaseOf } from './cohort-memo';
import { evolveTrackedCase, type TrackedCase } from './cohort-tracked-case';
import { namesIn, renamed, type NameRow } from './cohort-people';
import { IOM_REJECTION, OPEN_CASE } from './cohort-select';
import { migrateWaitingListings, saveWaitingListings, waitingOf } from './cohort-waiting-listings';

const CASE_STREAM = 'case-';
const PERSON_STREAM = 'person-';
const MEETING_STREAM = 'meeting-';

// Plain rowid tables: a case's row stays where it was first written, among the cases referred at
// about the same time, which are the ones a stretch of the log works on together, so a batch
// dirties few pages (keyed by case id instead, WITHOUT ROWID, it wrote 2.4x the bytes).
const statements = (db: ProjectionDatabase) => ({
  storedCase: db
    .prepare<StoredCase, [string]>(`SELECT ${STORED_COLUMNS.join(', ')} FROM ${db.table('cases')} WHERE case_id = ?`)
    .raw(),
  // Positional: binding every column as a named parameter from an object cost a fifth more per save.
  saveCase: db.prepare<unknown, [readonly unknown[]]>(
    `INSERT INTO ${db.table('cases')} (${CASE_COLUMNS.join(', ')})
     VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (case_id) DO UPDATE SET
       ${CASE_COLUMNS.filter((column) => column !== 'case_id')
         .map((column) => `${column} = excluded.${column}`)
         .join(', ')}`,
  ),
  personName: db.prepare<NameRow, [string]>(
    `SELECT display_name, search_name FROM ${db.table('people')} WHERE person_id = ?`,
  ),
  uploadMonth: db
    .prepare<string, [string]>(`SELECT month FROM ${db.table('iom_upload_month')} WHERE case_id = ?`)
    .pluck(),
  saveUploadMonth: db.prepare<unknown, [string, string]>(
    `INSERT INTO ${db.table('iom_upload_month')} (case_id, month) VALUES (?, ?)
     ON CONFLICT (case_id) DO UPDATE SET month = excluded.month`,
  ),
  savePerson: db.prepare<unknown, [string, string, string]>(
    `INSERT INTO ${db.table('people')} (person_id, display_name, search_name) VALUES (?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET display_name = excluded.display_name, search_name = excluded.search_name`,
  ),
});

const streamKey = (event: RecordedEvent, prefix: string): string | undefined =>
  event.stream.startsWith(prefix) ? event.stream.slice(prefix.length) : undefined;

/**
 * One row per case with the columns a panel's live tracker filters on, folded in place over a
 * compact `TrackedCase` that follows the domain's `evolveCase` for what the columns read (the
 * rebuild-equivalence spec compares the two); person names come from the person streams, and
 * which meetings were held or cancelled, and the cases those held discussed, from the meeting
 * streams; whether a person is still in the IOM core cohort, from the cases and the monthly
 * import's stream. A batch reads, folds and writes each case, person and meeting once, however
 * many of its events it holds.
 */
export const cohortProjection: ProjectionDefinition = {
  name: 'panel_cohort',
  // v2: a compact memo instead of the whole folded state; indexes built once at the head.
  // v3: its own fold over a mutable TrackedCase instead of evolveCase; the memo as flat lists.
  // v4: MARAC's IDVA support (from IDVA interventions, kept in the memo) and IOM's cohort-expiry flag.
  // v5: search names without accents or curly apostrophes (`searchable`).
  // v6: meetings held or cancelled (from the meeting streams), which no case waits for any more.
  // v7: the cases each meeting recorded held discussed, which count towards a case's last discussion.
  // v8: each person's latest IOM eligibility evidence (the cases' and the monthly import's).
  // v9: the cases' evidence kept by case (a split moves it with the case); the import's with its
  //     month, counted once its upload completed.
  // v10: the MARAC referral's repeat window, so a repeat can be recognised after a merge (cohort-marac-repeat.ts).
  // v11: the import's words on a case (expiry flags by their month; evaluations placed by the upload's
  //      batch naming the case) ordered by month like its rows, apart from the case's own words.
  // v12: the latest upload month each IOM case heard from (`iom_upload_month`): an import's word of an
  //      earlier month no longer changes the case's columns; evaluations that say their month go by it.
  // v13: an import's evaluation without a month (logs before v12) counts by log position in the
  //      evidence, as the case's fold applies it, instead of at the month of the batch naming the case.
  // v14: a held upload row's `iom-listed-in-upload` moves the case's upload month, as in the case's state.
  // v15: Alliance custody releases: the follow-up is due from release once recorded (`follow_up_from`).
  // v16: non-engagement (`last_engaged_on`, `non_engagement_since`) for the IOM enforcement rule.
  // v17: IDVA support from an intervention's `kind: 'idva'`, and "Independent Domestic Violence Advocate" spelled out.
  // v18: IOM whereabouts (`unlocated_since`, from `iom-unlocated-recorded` / `iom-located-recorded`) for the media-appeal rule.
  // v19: IOM rejections' and discretionary adoptions' categories (`iom_reason_category`; `not-categorised` before them).
  // v20: a user's cancellation of an upload (`iom-cohort-upload-cancelled`) releases its held rows.
  // v21: the current status, RAG and engagement level are the latest by `occurredAt` (kept in the memo), as is
  //     the non-engagement run; meetings' UK days and instants compared as instants; expiry flags make a case not eligible.
  // v22: `referred_order`, the referral instant in UTC (older referrals may carry an offset), indexed with the panel
  //      for open cases and for IOM rejections, so a tracker page is read in referral order without sorting the panel.
  // v23: `waiting_listings`, each case's listings not yet discussed by the meeting's UK day, so that a page
  //      filtered by `nextReviewBefore` is read and counted in SQL instead of reading every candidate.
  // v24: IOM pathways are the latest by `occurredAt` (`pathwaysAt` kept in the memo), not the last entered.
  // v25: `marac_incident_at`, the MARAC referral's incident, on which the repeat window is judged (cohort-marac-repeat.ts).
  // v26: each IOM eligibility word keeps when it was true (`occurred_at` in `iom_case_evidence` and
  //      `iom_upload_evidence`): a person's own words, and own against monthly, go by it, not by log position.
  //      Alliance: a child still held (status `in-custody`, no release recorded) owes no follow-up yet
  //      (`follow_up_due` null, `follow_up_from` `awaiting-release`).
  //      `marac_reported`: the form's previous MARAC date, a last referral for the repeat as known now; IDVA
  //      support also read from "Independent Domestic Violence Adviser/Advisor" and "Idvas".
  // v27: Alliance: each engagement's residence in force (`alliance_residence`), a correction holding from its `occurredAt`.
  //      IOM: an evaluation without a month dated before the latest evaluation or expiry flag (kept in the memo) is
  //      history, as in the case's state: `iom_eligible` follows the latest assessment by `occurredAt`.
  version: 27,
  streamPrefixes: [CASE_STREAM, PERSON_STREAM, MEETING_STREAM, IOM_IMPORT_STREAM],
  migrate(db: ProjectionDatabase): void {
    db.exec(`CREATE TABLE ${db.table('cases')} (
      case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, person_id TEXT NOT NULL, phase TEXT NOT NULL,
      current_status TEXT, rag TEXT, engagement_level TEXT, open_actions INTEGER NOT NULL,
      earliest_action_due TEXT, next_meeting TEXT, last_discussed TEXT, referred_at TEXT NOT NULL, referred_order TEXT NOT NULL,
      marac_repeat INTEGER, marac_repeat_window INTEGER, marac_incident_at TEXT, dash_score INTEGER, marac_idva TEXT, iom_eligible INTEGER, iom_decision TEXT,
      iom_reason TEXT, iom_reason_category TEXT, iom_pathways TEXT, iom_expiry_month TEXT, iom_expiry_reason TEXT, last_engaged_on TEXT, non_engagement_since TEXT, unlocated_since TEXT, alliance_residence TEXT, alliance_outcome TEXT, follow_up_due TEXT, follow_up_from TEXT, last_position INTEGER NOT NULL, memo TEXT NOT NULL)`);
    db.exec(
      `CREATE TABLE ${db.table('people')} (person_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, search_name TEXT NOT NULL)`,
    );
    // Beside the row, not a column: only IOM cases an upload spoke to have one.
    db.exec(
      `CREATE TABLE ${db.table('iom_upload_month')} (case_id TEXT PRIMARY KEY, month TEXT NOT NULL) WITHOUT ROWID`,
    );
    migrateMeetings(db);
    migrateWaitingListings(db);
    migrateEligibility(db);
    migrateMaracReported(db);
  },
  indexes(db: ProjectionDatabase): void {
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('cases_by_panel')} ON ${db.table('cases')} (panel, phase)`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('cases_by_person')} ON ${db.table('cases')} (person_id)`);
    // The tracker's scopes (cohort-select.ts), each in referral order, as their WHERE spells them:
    // a page is read off the index and counted on it, never sorted.
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('cases_open_by_referral')} ON ${db.table('cases')}
      (panel, referred_order, case_id) WHERE ${OPEN_CASE}`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('rejections_by_referral')} ON ${db.table('cases')}
      (panel, referred_order, case_id) WHERE ${IOM_REJECTION}`);
  },
  apply(db: ProjectionDatabase, event: RecordedEvent): void {
    applyCohortEvents(db, [event]);
  },
  applyBatch: applyCohortEvents,
};

function applyCohortEvents(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
  const sql = db.statements(statements);
  const evidence: CaseEvidence[] = [];
  // As loaded, so that a case saves its upload month, and its waiting listings, only when the batch moved them.
  const uploadMonths = new Map<string, string>();
  const waitingAtLoad = new Map<string, string>();
  const openingReferrals: RecordedEvent[] = [];
  foldPerKey(events, {
    keyOf: (event) => streamKey(event, CASE_STREAM),
    load: (caseId): TrackedCase | undefined => {
      const stored = sql.storedCase.get(caseId);
      if (stored === undefined) return undefined;
      const tracked = trackedCaseOf(stored);
      waitingAtLoad.set(caseId, waitingOf(tracked.listings));
      if (tracked.kind !== 'iom') return tracked;
      const month = sql.uploadMonth.get(caseId);
      if (month !== undefined) uploadMonths.set(caseId, (tracked.iomUploadMonth = month));
      return tracked;
    },
    evolve: (tracked, event) => {
      // Only the referral that opens the case counts, as for its other columns: the state ignores a second one.
      if (tracked === undefined && event.type === 'referral-made') openingReferrals.push(event);
      const evolved = evolveTrackedCase(tracked, event);
      const said =
        evolved === undefined ? undefined : caseEvidence(event.stream.slice(CASE_STREAM.length), evolved, event);
      if (said !== undefined) evidence.push(said);
      return evolved;
    },
    // None before the referral.
    save: (caseId, tracked, last) => {
      if (tracked === undefined) return;
      const row = caseRow(caseId, tracked, last.position);
      sql.saveCase.run(CASE_COLUMNS.map((column) => row[column]));
      if (waitingOf(tracked.listings) !== (waitingAtLoad.get(caseId) ?? ''))
        saveWaitingListings(db, caseId, tracked.listings);
      const month = tracked.iomUploadMonth;
      if (month !== undefined && month !== uploadMonths.get(caseId)) sql.saveUploadMonth.run(caseId, month);
    },
  });
  foldPerKey(events, {
    // Only events that name someone: the others leave the people table as it is.
    keyOf: (event) => {
      const personId = streamKey(event, PERSON_STREAM);
      return personId !== undefined && namesIn(event) !== undefined ? personId : undefined;
    },
    load: (personId) => sql.personName.get(personId),
    evolve: (name, event) => {
      const names = namesIn(event);
      return names === undefined ? name : renamed(name, names);
    },
    save: (personId, name) => {
      if (name !== undefined) sql.savePerson.run(personId, name.display_name, name.search_name);
    },
  });
  saveMeetings(db, events);
  saveEligibility(db, events, evidence);
  saveMaracReported(db, openingReferrals);
}
