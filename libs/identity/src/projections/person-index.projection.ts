import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from '../../../read-models/src/projection-definition';
import type { PersonDetails, RecordedChanges } from '../../../case-lifecycle/src/domain/events/person-events';
import { applyPersonChanges } from '../../../case-lifecycle/src/domain/person.decider';
import type { MaracReferralDetails } from '../../../case-lifecycle/src/domain/events/referral-details';
import { CORE_COHORT_UPLOAD_ROUTE } from '../../../case-lifecycle/src/domain/vocabulary/iom';
import { searchNamesOf } from '../../../case-lifecycle/src/projections/cohort-people';
import { perpetratorRecordNamedBy } from '../../../case-lifecycle/src/application/person-resolution/records-named';
import {
  confirmationEffect,
  IDENTITY_RULES,
  recordedRegistrations,
  rejectionStands,
  type DecidingModel,
  type MatchEvent,
  type MergeFacts,
  type PersonLinkEvent,
  type RecordedRegistrations,
} from '../domain/person-links';
import { IMPORT_STREAM_PREFIX } from '../../../cohort-import/src/domain/import-events';
import type { DecisionColumns, EarlierDecisionEntry, UndoingSplit } from './review-history';
import { standingRejectionsSql, toStandingRejection, type StandingRejectionRow } from './standing-rejections';

export const PERSON_INDEX = 'person_index';

/**
 * The key, inside a record's stored details, of where each field was last recorded (a log
 * position by field name): kept in the details so `details_before` and `asOf` carry it. Readers
 * take it out (`PersonIndexQuery`); details stored before it was kept lack it.
 */
export const FIELDS_RECORDED_AT = 'fieldsRecordedAt';

/** The upload's panel: the monthly file is IOM's core cohort. */
const COHORT_UPLOAD_PANEL = 'IOM';
const COHORT_BATCH_IMPORTED = 'iom-cohort-batch-imported';

/** Case events that end a case's involvement with its panel. */
const CLOSING = new Set(['referral-declined', 'case-closed']);

/**
 * Who everyone is now. `people` holds every person id ever issued and the one it was merged into
 * (null for a current person), so any old id resolves to the current one by following the
 * pointers; `records` and `cases` keep their original person and, after a split, the person they
 * were moved to. Merges and splits change pointers, never the facts, which is why an unmerge
 * restores exactly what was there before. `panels_held` is the exception on purpose: every panel
 * whose record or case a person has held at any time, kept through splits, carried over to the
 * survivor of a merge and to whoever a split moves records to, because match levels measured
 * against a MARAC victim's record outlive the split that takes the record away.
 */
export const personIndexProjection: ProjectionDefinition = {
  name: PERSON_INDEX,
  // v4: `panels_held`. v5: confirmations and rejections are folded by the shared merge rule (merge-rule.ts).
  // v6: the merge pointers' reverse index is built with the table, since the rule reads through it.
  // v7: a proposal keeps who decided it, why and when (GET /v1/people/match-reviews/{id}).
  // v8: the split that undid a confirmation's merge, decisions a reopening took back, and the
  // survivor of racing confirmations chosen again by the registrations they recorded.
  // v9: the person a MARAC referral names as perpetrator, so they show as known to MARAC.
  // v10: the perpetrator's record that referral brought in is MARAC-sourced like the victim's
  // (it often carries her address); rebuilt from the log, so records written before are tagged too.
  // v11: the case's perpetrator naming follows that record when a split moves it
  // (`perpetrator_moved_to`), and a person a split started remembers whom it was split off (`split_from`).
  // v12: a record remembers when its details last changed (`details_position`): details recorded
  // through a case after a later referral's record was linked are the person's latest.
  // v13: a MARAC referral's safe contact number is folded into the victim's record it brought in,
  // and moves that record's `details_position`: a newer referral's number beats one recorded
  // earlier through her case.
  // v14: details recorded through a case on the record its referral linked to a person another
  // panel registered (`person-record-details-recorded`) change that record, which keeps its panel.
  // v15: a referral tags the records it brought in by the record it names and by the request they
  // were written in (correlation id and the server's `recorded_at`), never by the client's
  // correlation id alone: a front-end reusing one X-Correlation-Id no longer hands a MARAC victim's
  // record to the IOM referral that linked her later in the session. A cohort upload's rows, each
  // step under its own clock, are still matched on the correlation id alone.
  // v16: a MARAC referral also tags the perpetrator's record it names (`perpetratorRecordId` in its
  // metadata): a retried referral takes over the record a failed attempt wrote for him, outside its
  // request. The monthly IOM upload's records that opened no referral (a nominal matched again)
  // are IOM's: a record no referral claimed now keeps its residence from everyone but admins.
  // v17: a referral that names its records tags those only, and an upload batch that lists its rows'
  // records (`recordId`) claims those only: the upload's correlation id is the client's, so a failed
  // MARAC attempt's record written under the same id is no longer IOM's. The request rule (and the
  // correlation id alone for the upload) serves only referrals and batches recorded before.
  // v18: a batch's duplicate-person row (another CRN matched to a person an earlier row had) claims
  // the record its resolution linked (`recordId` on the problem); v17 left it claimed by no one.
  // v19: each record's names, searchable as the tracker's name search compares them (`record_names`),
  // records found by the case that brought them in, and whether a case's referral tagged a record of
  // its registered subject (`subject_record`), so that search is answered in SQL.
  // v20: a link and a proposal keep the matching model that scored them (`model`, JSON `{ id, version }`;
  // null for events recorded before models were named, and for links and proposals made by hand).
  // v21: where each record and case a split moved was before it (`homes_before`), so undoing that
  // split puts each back there, never on whoever it was split off while an unmerge has parted them.
  // v22: a second `match-proposed` on a proposal (a stale proposal proposed again) updates its row;
  // v21 ignored it, so a release of v21 sharing the file would leave the review out of the queue.
  // v23: each record's details as they stood before every change (`details_before`), so a disclosure
  // opens a field at the value it gave out, never one recorded since (a refuge address after her home);
  // a one-word alias is also named with the record's forenames and with its surname in
  // `record_names` ("sarah pritchard", "pritchard smithson"), so `q` finds it with the rest of the
  // name; and an unmerge merges into the restored person each person another review merged in while
  // the two were one that it sorted to them (`mergedWhileOne`; v22 left them with the survivor).
  // While v23 is rebuilt, v22 answers and the tracker searches names read from `details`.
  // v24: an unmerge also undoes every other confirmation whose two people it parts (`undone_by`), by
  // who is one person once it has moved its pointers, never by where it sent someone merged in: its
  // "one person" no longer holds, so the review says `confirmed-undone` and cannot be confirmed
  // again, unasked, into a merge of the two the unmerge parted (v23 left it `confirmed`). Each pointer
  // keeps the position of the confirmation that set it (`merged_at`), moved along with it, since a
  // later unmerge of that person sorts by when they joined, which the undone review no longer says.
  // Each record's details also keep where each field was last recorded (`FIELDS_RECORDED_AT`), set
  // by every event naming the field, changed or not: a value recorded again is the one recorded last.
  // v25: an identifier removed through a case as recorded in error (`identifiersRemoved`) leaves the
  // record's details; v24 kept it, so the person view, disclosures and the identifier-conflict checks
  // would go on reading a value the coordinator took off (and a v24 sharing the file must not serve it).
  // Each such removal is kept (`identifiers_removed`: the record, the kind, the value it took and
  // where), so a match review is held back as `proposal-evidence-removed` only when a removal took
  // its agreeing value, never when a split or restore moved that value to someone else.
  version: 25,
  streamPrefixes: ['person-', 'identity-', 'personmatch-', 'case-', IMPORT_STREAM_PREFIX],
  eventTypes: [
    'person-registered',
    'person-details-recorded',
    'person-record-linked',
    'person-record-details-recorded',
    'person-split',
    'match-proposed',
    'match-confirmed',
    'match-rejected',
    'match-reopened',
    'referral-made',
    ...CLOSING,
    COHORT_BATCH_IMPORTED,
  ],
  migrate(db: ProjectionDatabase): void {
    db.exec(`CREATE TABLE ${db.table('people')} (
      person_id TEXT PRIMARY KEY, merged_into TEXT, registered_position INTEGER NOT NULL, split_from TEXT,
      merged_at INTEGER)`);
    // Folding a confirmation looks for everyone merged into its two people (standing-rejections.ts):
    // without this, each would scan every person while a rebuild has not reached the deferred
    // indexes. Partial, so registering an unmerged person costs it nothing.
    db.exec(`CREATE INDEX ${db.table('people_merged')} ON ${db.table('people')} (merged_into)
      WHERE merged_into IS NOT NULL`);
    db.exec(`CREATE TABLE ${db.table('records')} (
      record_id TEXT PRIMARY KEY, origin_person_id TEXT NOT NULL, moved_to TEXT, details TEXT NOT NULL,
      correlation_id TEXT, recorded_at TEXT, source_case_id TEXT, source_panel TEXT, score REAL, levels TEXT,
      model TEXT, position INTEGER NOT NULL, details_position INTEGER NOT NULL)`);
    // A referral tags, and an upload batch claims, one person's records of one request. A monthly
    // upload's records all share its correlation id, so by that id alone each row's lookup would
    // scan the whole upload: while a rebuild runs, records_by_origin is not there yet.
    db.exec(
      `CREATE INDEX ${db.table('records_by_correlation')} ON ${db.table('records')} (correlation_id, origin_person_id)`,
    );
    db.exec(`CREATE TABLE ${db.table('cases')} (
      case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, origin_person_id TEXT NOT NULL, moved_to TEXT,
      open INTEGER NOT NULL, referred_at TEXT NOT NULL, marac_sensitive TEXT, perpetrator_person_id TEXT,
      perpetrator_moved_to TEXT, subject_record INTEGER NOT NULL DEFAULT 0)`);
    db.exec(`CREATE TABLE ${db.table('proposals')} (
      proposal_id TEXT PRIMARY KEY, person_a TEXT NOT NULL, person_b TEXT NOT NULL, score REAL NOT NULL,
      levels TEXT NOT NULL, guards TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL,
      standing INTEGER NOT NULL DEFAULT 0, merged INTEGER, conflict TEXT, conflict_with TEXT,
      decided_by TEXT, reason TEXT, decided_at TEXT, recorded_at TEXT, model TEXT,
      survivor_person TEXT, merged_person TEXT, undone_by TEXT, earlier TEXT NOT NULL DEFAULT '[]')`);
    // A restoring split looks for the confirmation whose merge it undoes by the person it restores.
    db.exec(`CREATE INDEX ${db.table('proposals_merged_person')} ON ${db.table('proposals')} (merged_person)
      WHERE merged_person IS NOT NULL`);
    // One row per name a record gives (its own and each alias), in `searchNamesOf`'s form, which SQL
    // cannot compute from `details` (accents, curly apostrophes): the tracker's `q` reads these.
    db.exec(`CREATE TABLE ${db.table('record_names')} (
      record_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (record_id, name)) WITHOUT ROWID`);
    db.exec(`CREATE TABLE ${db.table('recorded_registrations')} (
      person_id TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`);
    // A record's details from `since` until the change recorded at `until` replaced them. A record
    // never changed has no row: `records` holds its only details.
    db.exec(`CREATE TABLE ${db.table('details_before')} (
      record_id TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER NOT NULL, details TEXT NOT NULL,
      PRIMARY KEY (record_id, until)) WITHOUT ROWID`);
    db.exec(`CREATE TABLE ${db.table('homes_before')} (
      position INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, home TEXT NOT NULL,
      PRIMARY KEY (position, kind, id)) WITHOUT ROWID`);
    db.exec(`CREATE TABLE ${db.table('identifiers_removed')} (
      record_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, position INTEGER NOT NULL,
      PRIMARY KEY (record_id, position, kind)) WITHOUT ROWID`);
    db.exec(`CREATE TABLE ${db.table('panels_held')} (
      person_id TEXT NOT NULL, panel TEXT NOT NULL, PRIMARY KEY (person_id, panel)) WITHOUT ROWID`);
  },
  // Queries read through these; `apply` only through primary keys, records_by_correlation, people_merged
  // and proposals_merged_person.
  indexes(db: ProjectionDatabase): void {
    db.exec(`
      CREATE INDEX IF NOT EXISTS ${db.table('records_by_origin')} ON ${db.table('records')} (origin_person_id);
      CREATE INDEX IF NOT EXISTS ${db.table('records_by_move')} ON ${db.table('records')} (moved_to);
      CREATE INDEX IF NOT EXISTS ${db.table('records_by_source_case')} ON ${db.table('records')} (source_case_id)
        WHERE source_case_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${db.table('cases_without_subject_record')} ON ${db.table('cases')} (case_id)
        WHERE subject_record = 0;
      CREATE INDEX IF NOT EXISTS ${db.table('cases_moved')} ON ${db.table('cases')} (case_id) WHERE moved_to IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${db.table('cases_by_origin')} ON ${db.table('cases')} (origin_person_id);
      CREATE INDEX IF NOT EXISTS ${db.table('cases_by_move')} ON ${db.table('cases')} (moved_to);
      CREATE INDEX IF NOT EXISTS ${db.table('cases_by_perpetrator')} ON ${db.table('cases')} (perpetrator_person_id)
        WHERE perpetrator_person_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${db.table('cases_by_perpetrator_move')} ON ${db.table('cases')} (perpetrator_moved_to)
        WHERE perpetrator_moved_to IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${db.table('proposals_open')} ON ${db.table('proposals')} (status, position);
      CREATE INDEX IF NOT EXISTS ${db.table('proposals_standing')} ON ${db.table('proposals')} (standing);
      CREATE INDEX IF NOT EXISTS ${db.table('people_split')} ON ${db.table('people')} (split_from)
        WHERE split_from IS NOT NULL;
    `);
  },
  apply(db: ProjectionDatabase, event: RecordedEvent): void {
    if (event.stream.startsWith('case-')) applyCase(db, event);
    else if (event.stream.startsWith('person-')) applyPerson(db, event);
    else if (event.stream.startsWith('identity-')) applyLink(db, event as unknown as PersonLinkEvent & RecordedEvent);
    else if (event.stream.startsWith(IMPORT_STREAM_PREFIX)) applyCohortBatch(db, event);
    else applyMatch(db, event as unknown as MatchEvent & RecordedEvent);
  },
};

/** The records a referral brought in (`broughtInBy`): the one it names, or those written in its request. */
const BROUGHT_IN_NAMED = 'record_id = ?';
const BROUGHT_IN_BY_REQUEST = '(correlation_id = ? AND (? IS NULL OR recorded_at = ?))';
const TAG_RECORDS = (db: ProjectionDatabase, broughtIn: string): string =>
  `UPDATE ${db.table('records')} SET source_case_id = ?, source_panel = ?
   WHERE origin_person_id = ? AND source_case_id IS NULL AND ${broughtIn}`;

const RECORD_DETAILS_BEFORE = (db: ProjectionDatabase, where: string): string =>
  `INSERT OR REPLACE INTO ${db.table('details_before')} (record_id, since, until, details)
   SELECT record_id, details_position, ?, details FROM ${db.table('records')} WHERE ${where}`;

/**
 * What every registration, record and referral runs, built once per version: looked up by their
 * text (`db.prepare`), the SQL was built and hashed again for each of a rebuild's events.
 */
const recordStatements = (db: ProjectionDatabase) => ({
  registerPerson: db.prepare<unknown, [string, number]>(
    `INSERT OR IGNORE INTO ${db.table('people')} (person_id, merged_into, registered_position) VALUES (?, NULL, ?)`,
  ),
  keepRecordDetailsBefore: db.prepare<unknown, [number, string]>(RECORD_DETAILS_BEFORE(db, 'record_id = ?')),
  // Written again, the record loses the case that brought it in.
  loseSubjectRecord: db.prepare<unknown, [string]>(
    `UPDATE ${db.table('cases')} SET subject_record = 0
      WHERE case_id = (SELECT source_case_id FROM ${db.table('records')} WHERE record_id = ?)`,
  ),
  putRecord: db.prepare(
    `INSERT OR REPLACE INTO ${db.table('records')}
     (record_id, origin_person_id, moved_to, details, correlation_id, recorded_at, source_case_id, source_panel,
      score, levels, model, position, details_position)
     VALUES (?, ?, NULL, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)`,
  ),
  recordDetails: db.prepare<{ details: string }, [string]>(
    `SELECT details FROM ${db.table('records')} WHERE record_id = ?`,
  ),
  keepRemoval: db.prepare<unknown, [string, string, string, number]>(
    `INSERT OR IGNORE INTO ${db.table('identifiers_removed')} (record_id, kind, value, position) VALUES (?, ?, ?, ?)`,
  ),
  changeDetails: db.prepare<unknown, [string, number, string]>(
    `UPDATE ${db.table('records')} SET details = ?, details_position = ? WHERE record_id = ?`,
  ),
  forgetNames: db.prepare<unknown, [string]>(`DELETE FROM ${db.table('record_names')} WHERE record_id = ?`),
  addName: db.prepare<unknown, [string, string]>(
    `INSERT OR IGNORE INTO ${db.table('record_names')} (record_id, name) VALUES (?, ?)`,
  ),
  openCase: db.prepare<unknown, [string, string, string, string, string | null, string | null]>(
    `INSERT OR IGNORE INTO ${db.table('cases')}
     (case_id, panel, origin_person_id, moved_to, open, referred_at, marac_sensitive, perpetrator_person_id)
     VALUES (?, ?, ?, NULL, 1, ?, ?, ?)`,
  ),
  holdPanel: db.prepare<unknown, [string, string]>(
    `INSERT OR IGNORE INTO ${db.table('panels_held')} (person_id, panel) VALUES (?, ?)`,
  ),
  closeCase: db.prepare<unknown, [string]>(`UPDATE ${db.table('cases')} SET open = 0 WHERE case_id = ?`),
  tagNamedRecord: db.prepare(TAG_RECORDS(db, BROUGHT_IN_NAMED)),
  tagRequestRecords: db.prepare(TAG_RECORDS(db, BROUGHT_IN_BY_REQUEST)),
});

/** Follows merge pointers to the current person (bounded: a corrupt cycle cannot hang a batch). */
export function currentPersonIn(db: Pick<ProjectionDatabase, 'prepare' | 'table'>, personId: string): string {
  const next = db.prepare<{ merged_into: string | null }, [string]>(
    `SELECT merged_into FROM ${db.table('people')} WHERE person_id = ?`,
  );
  let id = personId;
  for (let hops = 0; hops < 1000; hops++) {
    const row = next.get(id);
    if (row?.merged_into == null) return id;
    id = row.merged_into;
  }
  return id;
}

function insertRecord(
  db: ProjectionDatabase,
  event: RecordedEvent,
  recordId: string,
  personId: string,
  details: unknown,
  score?: number,
  levels?: unknown,
  model?: DecidingModel,
): void {
  const sql = db.statements(recordStatements);
  sql.keepRecordDetailsBefore.run(Number(event.position), recordId);
  sql.loseSubjectRecord.run(recordId);
  sql.putRecord.run(
    recordId,
    personId,
    JSON.stringify(withFieldsRecorded(details as PersonDetails, details as PersonDetails, Number(event.position))),
    event.metadata.correlationId,
    event.metadata.recordedAt,
    score ?? null,
    levels === undefined ? null : JSON.stringify(levels),
    model === undefined ? null : JSON.stringify(model),
    Number(event.position),
    Number(event.position),
  );
  nameRecord(db, recordId, details as PersonDetails);
}

/** The record's names as search compares them, replacing what it gave before. */
function nameRecord(db: ProjectionDatabase, recordId: string, details: PersonDetails): void {
  const sql = db.statements(recordStatements);
  sql.forgetNames.run(recordId);
  for (const name of searchNamesOf(details)) sql.addName.run(recordId, name);
}

function applyPerson(db: ProjectionDatabase, event: RecordedEvent): void {
  const personId = event.stream.slice('person-'.length);
  if (event.type === 'person-registered') {
    const { details } = event.data as { details: PersonDetails };
    db.statements(recordStatements).registerPerson.run(personId, Number(event.position));
    insertRecord(db, event, personId, personId, details);
  } else if (event.type === 'person-details-recorded') {
    changeRecord(db, event, personId, event.data as RecordedChanges);
  }
}

/**
 * New details of one record, the latest of the person's from then on. An identifier removed as
 * recorded in error leaves the record's details (and so every view, disclosure and conflict check
 * read from them) until one is recorded again; what was given out before keeps it (`details_before`),
 * and the removal is kept with the value it took (`identifiers_removed`) for the reviews it agreed.
 */
function changeRecord(db: ProjectionDatabase, event: RecordedEvent, recordId: string, recorded: RecordedChanges): void {
  const sql = db.statements(recordStatements);
  const row = sql.recordDetails.get(recordId);
  if (row === undefined) return;
  sql.keepRecordDetailsBefore.run(Number(event.position), recordId);
  const before = JSON.parse(row.details) as PersonDetails;
  for (const kind of recorded.identifiersRemoved ?? []) {
    const value = before.identifiers?.[kind];
    if (typeof value === 'string') sql.keepRemoval.run(recordId, kind, value, Number(event.position));
  }
  const after = withFieldsRecorded(applyPersonChanges(before, recorded), recorded.changes, Number(event.position));
  sql.changeDetails.run(JSON.stringify(after), Number(event.position), recordId);
  nameRecord(db, recordId, after);
}

/**
 * The details of the records `where` picks, as they stood until `event` changes them: what a
 * disclosure made before then gave out (`PersonIndexQuery.asOf`).
 */
function keepDetailsBefore(
  db: ProjectionDatabase,
  event: RecordedEvent,
  where: string,
  params: readonly (string | number | null)[],
): void {
  db.prepare(RECORD_DETAILS_BEFORE(db, where)).run(Number(event.position), ...params);
}

function applyLink(db: ProjectionDatabase, event: PersonLinkEvent & RecordedEvent): void {
  if (event.type === 'person-record-linked') {
    const { recordId, personId, details, score, levels, model } = event.data;
    insertRecord(db, event, recordId, personId, details, score, levels, model);
    return;
  }
  if (event.type === 'person-record-details-recorded') {
    changeRecord(db, event, event.data.recordId, event.data);
    return;
  }
  // A restore or merge begun, or a restore withdrawn, moves nothing (and is not read here): the
  // restore is its own split, the merge its review's confirmation.
  if (event.type !== 'person-split') return;
  const { personId, intoPersonId, restored, recordIds, caseIds } = event.data;
  if (restored) {
    db.prepare(`UPDATE ${db.table('people')} SET merged_into = NULL, merged_at = NULL WHERE person_id = ?`).run(
      intoPersonId,
    );
    followTheirPerson(db, event);
    markMergesUndone(db, event);
  } else {
    // Ignored when the records go back to someone already known (a split-off restored).
    db.prepare(
      `INSERT OR IGNORE INTO ${db.table('people')} (person_id, merged_into, registered_position, split_from)
       VALUES (?, NULL, ?, ?)`,
    ).run(intoPersonId, Number(event.position), personId);
  }
  rememberHomes(db, event);
  const moveRecord = db.prepare(`UPDATE ${db.table('records')} SET moved_to = ? WHERE record_id = ?`);
  for (const recordId of recordIds) {
    moveRecord.run(intoPersonId, recordId);
    perpetratorFollows(db, recordId, intoPersonId);
  }
  // A moved record's link levels were measured against the records this person held.
  if (recordIds.length > 0) carryPanelsHeld(db, currentPersonIn(db, personId), intoPersonId);
  const moveCase = db.prepare(`UPDATE ${db.table('cases')} SET moved_to = ? WHERE case_id = ?`);
  const casePanel = db.prepare(
    `INSERT OR IGNORE INTO ${db.table('panels_held')} (person_id, panel)
     SELECT ?, panel FROM ${db.table('cases')} WHERE case_id = ?`,
  );
  for (const caseId of caseIds) {
    moveCase.run(intoPersonId, caseId);
    casePanel.run(intoPersonId, caseId);
  }
}

/**
 * Each person merged in while the two were one that an unmerge sorted to the restored person is
 * merged into them from then on: their records and cases, and every id merged into them, follow
 * the pointer, and a later restore of them gives back what they hold. The pointer keeps when they
 * joined (`merged_at`): they have been one with the restored person since. The survivor keeps the
 * panels it held.
 */
function followTheirPerson(db: ProjectionDatabase, event: PersonLinkEvent & RecordedEvent): void {
  if (event.type !== 'person-split') return;
  const { intoPersonId, mergedWhileOne } = event.data;
  const repoint = db.prepare(
    `UPDATE ${db.table('people')} SET merged_into = ? WHERE person_id = ? AND merged_into IS NOT NULL`,
  );
  for (const { personId, to } of mergedWhileOne ?? []) {
    if (to !== intoPersonId || personId === intoPersonId) continue;
    repoint.run(intoPersonId, personId);
    carryPanelsHeld(db, personId, intoPersonId);
  }
}

/**
 * The id each record and case a split moves was held under until then (a later pointer, else its
 * own person): undoing the split puts each back there, so an unmerge since keeps what it parted.
 */
function rememberHomes(db: ProjectionDatabase, event: PersonLinkEvent & RecordedEvent): void {
  if (event.type !== 'person-split') return;
  const position = Number(event.position);
  for (const [kind, table, key, ids] of [
    ['record', 'records', 'record_id', event.data.recordIds],
    ['case', 'cases', 'case_id', event.data.caseIds],
  ] as const) {
    const remember = db.prepare(
      `INSERT OR REPLACE INTO ${db.table('homes_before')} (position, kind, id, home)
       SELECT ?, ?, ${key}, COALESCE(moved_to, origin_person_id) FROM ${db.table(table)} WHERE ${key} = ?`,
    );
    for (const id of ids) remember.run(position, kind, id);
  }
}

/**
 * The perpetrator a MARAC referral names is whoever the record it brought in for them belongs to:
 * the referral named the person that record was linked to, so a split that moves the record moves
 * the naming (never the victim's case). A case whose perpetrator is its own subject is left alone.
 */
function perpetratorFollows(db: ProjectionDatabase, recordId: string, personId: string): void {
  db.prepare(
    `UPDATE ${db.table('cases')} SET perpetrator_moved_to = ?
     WHERE perpetrator_person_id <> origin_person_id AND case_id = (
       SELECT r.source_case_id FROM ${db.table('records')} r
        WHERE r.record_id = ? AND r.origin_person_id = ${db.table('cases')}.perpetrator_person_id)`,
  ).run(personId, recordId);
}

/**
 * Once an unmerge has moved its pointers, each confirmation that merged in anyone now with either
 * of the two is undone by it exactly when its two people are no longer one: its "one person" no
 * longer holds. Where someone merged in was sent does not say: a review pairing the restored person
 * with her own record sent back with her still holds, one pairing her with someone kept with the
 * survivor does not. The rest still hold, as this unmerge parts no one else. One that merges the two
 * again later is another review's, so this one stays undone (till reopened).
 */
function markMergesUndone(db: ProjectionDatabase, event: PersonLinkEvent & RecordedEvent): void {
  if (event.type !== 'person-split') return;
  const [by, reason, at, recordedAt] = decision(event);
  const undoneBy: UndoingSplit = {
    position: Number(event.position),
    personId: event.data.personId,
    by: JSON.parse(by) as UndoingSplit['by'],
    reason,
    at,
    recordedAt,
  };
  const standing = db
    .prepare<{ proposal_id: string; person_a: string; person_b: string }, [string, string]>(
      `WITH RECURSIVE members(id) AS (SELECT ? UNION SELECT ?
         UNION SELECT p.person_id FROM ${db.table('people')} p JOIN members m ON p.merged_into = m.id)
       SELECT proposal_id, person_a, person_b FROM ${db.table('proposals')}
        WHERE merged_person IN (SELECT id FROM members) AND status = 'confirmed' AND merged = 1
          AND undone_by IS NULL`,
    )
    .all(event.data.intoPersonId, currentPersonIn(db, event.data.personId));
  const undo = db.prepare(`UPDATE ${db.table('proposals')} SET undone_by = ? WHERE proposal_id = ?`);
  for (const { proposal_id, person_a, person_b } of standing)
    if (currentPersonIn(db, person_a) !== currentPersonIn(db, person_b))
      undo.run(JSON.stringify(undoneBy), proposal_id);
}

function carryPanelsHeld(db: ProjectionDatabase, from: string, to: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO ${db.table('panels_held')} (person_id, panel)
     SELECT ?, panel FROM ${db.table('panels_held')} WHERE person_id = ?`,
  ).run(to, from);
}

/** The index's answers to the shared merge rule's questions about the people `a` and `b` are now. */
function mergeFacts(db: ProjectionDatabase, a: string, b: string): MergeFacts & RecordedRegistrations {
  const registration = db.prepare<{ position: number }, [string]>(
    `SELECT position FROM ${db.table('recorded_registrations')} WHERE person_id = ?`,
  );
  return {
    registrationOf: (id) => registration.get(id)?.position,
    current: (id) => currentPersonIn(db, id),
    standingRejections: () =>
      db
        .prepare<StandingRejectionRow, [string, string]>(standingRejectionsSql(db, 'between'))
        .all(currentPersonIn(db, a), currentPersonIn(db, b))
        .map(toStandingRejection),
  };
}

const DECIDED = 'decided_by = ?, reason = ?, decided_at = ?, recorded_at = ?';
type Decided = [by: string, reason: string, at: string, recordedAt: string];

/** Who decided, why and when, for `DECIDED`: the actor as the token named them, never their roles. */
function decision(event: RecordedEvent & { data: { reason: string; occurredAt: string } }): Decided {
  const { id, name, agency } = event.metadata.actor;
  return [JSON.stringify({ id, name, agency }), event.data.reason, event.data.occurredAt, event.metadata.recordedAt];
}

function applyMatch(db: ProjectionDatabase, event: MatchEvent & RecordedEvent): void {
  switch (event.type) {
    // Proposed again (the decider allows it only while open, once a split moved the record the
    // last was scored on): scored on the newer record, and `position` says which record that is
    // (PersonIndexQuery.proposalEvidenceMoved). A log without such a proposal folds as before.
    case 'match-proposed': {
      const { proposalId, personIds, score, levels, guards, model } = event.data;
      db.prepare(
        `INSERT INTO ${db.table('proposals')} (proposal_id, person_a, person_b, score, levels, guards, model, status, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)
         ON CONFLICT (proposal_id) DO UPDATE SET person_a = excluded.person_a, person_b = excluded.person_b,
           score = excluded.score, levels = excluded.levels, guards = excluded.guards, model = excluded.model,
           position = excluded.position
         WHERE status = 'open' AND position < excluded.position`,
      ).run(
        proposalId,
        personIds[0],
        personIds[1],
        score,
        JSON.stringify(levels),
        JSON.stringify(guards),
        model === undefined ? null : JSON.stringify(model),
        Number(event.position),
      );
      return;
    }
    case 'match-confirmed': {
      const { survivorId, mergedId } = event.data;
      const learn = db.prepare(
        `INSERT OR IGNORE INTO ${db.table('recorded_registrations')} (person_id, position) VALUES (?, ?)`,
      );
      for (const [id, position] of recordedRegistrations(event.data)) learn.run(id, position);
      const effect = confirmationEffect(event.data, mergeFacts(db, survivorId, mergedId));
      db.prepare(
        `UPDATE ${db.table('proposals')} SET status = 'confirmed', standing = 0, merged = ?, conflict = ?, conflict_with = ?,
         survivor_person = ?, merged_person = ?, undone_by = NULL, ${DECIDED} WHERE proposal_id = ?`,
      ).run(
        effect.merges ? 1 : 0,
        effect.merges ? null : effect.conflict,
        !effect.merges && effect.conflict === 'match-rejected-before' ? effect.rejectionId : null,
        effect.merges ? effect.survivorId : null,
        effect.merges ? effect.mergedId : null,
        ...decision(event),
        event.data.proposalId,
      );
      if (effect.merges) {
        db.prepare(`UPDATE ${db.table('people')} SET merged_into = ?, merged_at = ? WHERE person_id = ?`).run(
          effect.survivorId,
          Number(event.position),
          effect.mergedId,
        );
        // Kept by the survivor even if a split later restores the merged person.
        carryPanelsHeld(db, effect.mergedId, effect.survivorId);
      }
      return;
    }
    case 'match-rejected': {
      const stands = rejectionStands(event.data.personIds, { current: (id) => currentPersonIn(db, id) });
      db.prepare(
        `UPDATE ${db.table('proposals')} SET status = 'rejected', standing = ?, merged = NULL, conflict = ?, conflict_with = NULL,
         survivor_person = NULL, merged_person = NULL, undone_by = NULL, ${DECIDED} WHERE proposal_id = ?`,
      ).run(stands ? 1 : 0, stands ? null : IDENTITY_RULES.undoMergeFirst, ...decision(event), event.data.proposalId);
      return;
    }
    // The merge a reopened confirmation made was already undone by a restoring split.
    case 'match-reopened': {
      const earlier = takenBack(db, event.data.proposalId, decision(event));
      if (earlier === undefined) return;
      db.prepare(
        `UPDATE ${db.table('proposals')} SET earlier = json_insert(earlier, '$[#]', json(?)), status = 'open', standing = 0,
         merged = NULL, conflict = NULL, conflict_with = NULL, survivor_person = NULL, merged_person = NULL, undone_by = NULL,
         decided_by = NULL, reason = NULL, decided_at = NULL, recorded_at = NULL WHERE proposal_id = ?`,
      ).run(JSON.stringify(earlier), event.data.proposalId);
      return;
    }
    // A merge begun and withdrawn decided nothing (and is not read here).
    case 'merge-withdrawn':
      return;
  }
}

/** The decision a reopening takes back, kept as it stood with the reopening beside it. */
function takenBack(
  db: ProjectionDatabase,
  proposalId: string,
  [by, reason, at, recordedAt]: Decided,
): EarlierDecisionEntry | undefined {
  const row = db
    .prepare<DecisionColumns, [string]>(
      `SELECT status, standing, merged, conflict, conflict_with, decided_by, reason, decided_at, recorded_at, undone_by
       FROM ${db.table('proposals')} WHERE proposal_id = ?`,
    )
    .get(proposalId);
  if (row === undefined) return undefined;
  return { ...row, reopened_by: by, reopen_reason: reason, reopened_at: at, reopen_recorded_at: recordedAt };
}

function applyCase(db: ProjectionDatabase, event: RecordedEvent): void {
  const caseId = event.stream.slice('case-'.length);
  if (event.type === 'referral-made') {
    const data = event.data as { panelCode: string; personId: string; occurredAt: string; details: { kind: string } };
    const marac = data.details.kind === 'marac' ? (data.details as MaracReferralDetails) : undefined;
    const sensitive =
      marac === undefined
        ? null
        : JSON.stringify({
            children: marac.children,
            ...(marac.safeContactNumber === undefined ? {} : { safeContactNumber: marac.safeContactNumber }),
          });
    // As recorded: read through merge pointers like the subject's id, so merges and splits follow.
    // A referral made before the perpetrator was identified names an id no person has.
    const perpetrator = marac?.perpetrator?.personId ?? null;
    const sql = db.statements(recordStatements);
    sql.openCase.run(caseId, data.panelCode, data.personId, data.occurredAt, sensitive, perpetrator);
    // The records the referral brought in: the subject's record it names, and the perpetrator's,
    // whose details (often the victim's address) are the panel's as much as hers; for a referral
    // recorded before it named them, those written in its request, just before.
    if (marac?.safeContactNumber !== undefined) {
      foldSafeContactNumber(db, event, data.personId, marac.safeContactNumber);
    }
    for (const personId of perpetrator === null ? [data.personId] : [data.personId, perpetrator]) {
      const named = personId === data.personId ? namedRecord(event) : perpetratorRecordNamedBy(event.metadata);
      const [broughtIn, params] = broughtInBy(event, named);
      const tag = broughtIn === BROUGHT_IN_NAMED ? sql.tagNamedRecord : sql.tagRequestRecords;
      const tagged = tag.run(caseId, data.panelCode, personId, ...params);
      if (personId === data.personId && tagged.changes > 0) subjectRecordTagged(db, caseId, personId);
      // The perpetrator has held a MARAC record only if the referral brought one in.
      if (personId !== data.personId && tagged.changes === 0) continue;
      // Both, in case the referral named a person merged since: a restoring split brings them back.
      sql.holdPanel.run(personId, data.panelCode);
      sql.holdPanel.run(currentPersonIn(db, personId), data.panelCode);
    }
    return;
  }
  if (CLOSING.has(event.type)) {
    db.statements(recordStatements).closeCase.run(caseId);
  }
}

/**
 * The referral tagged a record of the case's own subject, a person the index knows: while neither
 * that record nor the case is moved, the person the case is about holds it (`subject_record`).
 * Replacing the record takes the mark back. This release's name search no longer reads it (a case
 * is named by its own record wherever that is); it is kept up because releases of this version
 * sharing the file still read it, and goes with the next version.
 */
function subjectRecordTagged(db: ProjectionDatabase, caseId: string, personId: string): void {
  db.prepare(
    `UPDATE ${db.table('cases')} SET subject_record = 1 WHERE case_id = ? AND origin_person_id = ?
       AND EXISTS (SELECT 1 FROM ${db.table('people')} WHERE person_id = ?)`,
  ).run(caseId, personId, personId);
}

/**
 * A batch of the monthly IOM upload, recorded after its rows: the records its rows' resolutions
 * brought in and no referral claimed (a nominal matched again, a row not eligible, a duplicate row
 * of a person already listed) are IOM's. Each row, and each duplicate, names its record; in batches recorded before rows named them, the records written under the
 * upload's correlation id for the people it lists. Held rows resolved no one and wrote nothing.
 */
function applyCohortBatch(db: ProjectionDatabase, event: RecordedEvent): void {
  if (event.type !== COHORT_BATCH_IMPORTED) return;
  const { people, problems } = event.data as { people?: readonly BatchRow[]; problems?: readonly BatchProblem[] };
  const unclaimed = 'source_panel IS NULL AND source_case_id IS NULL';
  const set = `UPDATE ${db.table('records')} SET source_panel = ?`;
  const named = db.prepare(`${set} WHERE record_id = ? AND ${unclaimed}`);
  const inUpload = db.prepare(`${set} WHERE origin_person_id = ? AND correlation_id = ? AND ${unclaimed}`);
  for (const { personId, outcome, recordId } of people ?? []) {
    if (outcome === 'held') continue;
    if (typeof recordId === 'string') named.run(COHORT_UPLOAD_PANEL, recordId);
    else if (recordId === undefined) inUpload.run(COHORT_UPLOAD_PANEL, personId, event.metadata.correlationId);
  }
  // Only by the record named: before duplicates named theirs, the fallback above claimed it for its person.
  for (const { recordId } of problems ?? []) {
    if (typeof recordId === 'string') named.run(COHORT_UPLOAD_PANEL, recordId);
  }
}

/** A row the import found bad; a duplicate-person row names the record its resolution linked. */
interface BatchProblem {
  readonly recordId?: string | null;
}

interface BatchRow {
  readonly personId: string;
  readonly outcome: string;
  /** Null: the row brought in no record. Absent in batches recorded before rows named their records. */
  readonly recordId?: string | null;
}

/** The subject's record a referral names: absent before referrals named it, null when it brought none. */
const namedRecord = (event: RecordedEvent): string | null | undefined => {
  const { recordId } = event.data as { recordId?: unknown };
  return typeof recordId === 'string' || recordId === null ? recordId : undefined;
};

/**
 * The records a referral brought in for one person: the one it names, and nothing else (null names
 * none). Only a referral recorded before referrals named their records is read by its request: the
 * correlation id is the client's `X-Correlation-Id`, which a front-end may reuse for a whole
 * session, and `recordedAt` the server's clock when the request arrived, so together they name one
 * request (two sent under one id in the same millisecond still look alike). An old cohort upload's
 * referral, each step under its own clock, is read by the correlation id alone, as before v15.
 */
const broughtInBy = (event: RecordedEvent, named: string | null | undefined): [string, (string | null)[]] => {
  if (named !== undefined) return [BROUGHT_IN_NAMED, [named]];
  const { route } = (event.data as { details?: { route?: unknown } }).details ?? {};
  const clock = route === CORE_COHORT_UPLOAD_ROUTE ? null : event.metadata.recordedAt;
  return [BROUGHT_IN_BY_REQUEST, [event.metadata.correlationId, clock, clock]];
};

/**
 * The referral form carries the victim's safe contact number beside her details, so her record
 * arrives without it: it is written into the record the referral brought in for her (the one it
 * names; before referrals named it, hers written in its request), as a change of her details at
 * the referral, so the number recorded last wins in the golden record.
 */
function foldSafeContactNumber(
  db: ProjectionDatabase,
  event: RecordedEvent,
  personId: string,
  safeContactNumber: string,
): void {
  const [broughtIn, params] = broughtInBy(event, namedRecord(event));
  const where = `origin_person_id = ? AND source_case_id IS NULL AND ${broughtIn}`;
  keepDetailsBefore(db, event, where, [personId, ...params]);
  db.prepare(
    `UPDATE ${db.table('records')} SET details = json_set(details, '$.safeContactNumber', ?,
       '$.${FIELDS_RECORDED_AT}', json(json_set(COALESCE(json_extract(details, '$.${FIELDS_RECORDED_AT}'), '{}'),
         '$.safeContactNumber', ?))), details_position = ?
     WHERE ${where}`,
  ).run(safeContactNumber, Number(event.position), Number(event.position), personId, ...params);
}

/**
 * `details` with each field `given` names marked recorded at `position` (identifiers by kind,
 * `identifiers.<kind>`), even where its value did not change: the golden record and a disclosure's
 * safe number date a value by when it was last recorded, and a value recorded again is the latest.
 */
function withFieldsRecorded(details: PersonDetails, given: Partial<PersonDetails>, position: number): PersonDetails {
  const kept = (details as { [FIELDS_RECORDED_AT]?: Record<string, number> })[FIELDS_RECORDED_AT] ?? {};
  const named = Object.entries(given).flatMap(([field, value]) => {
    if (value === undefined || field === FIELDS_RECORDED_AT) return [];
    if (field !== 'identifiers') return [field];
    return Object.entries(value as Record<string, unknown>)
      .filter(([, id]) => id !== undefined)
      .map(([kind]) => `identifiers.${kind}`);
  });
  return {
    ...details,
    [FIELDS_RECORDED_AT]: { ...kept, ...Object.fromEntries(named.map((field) => [field, position])) },
  } as PersonDetails;
}
