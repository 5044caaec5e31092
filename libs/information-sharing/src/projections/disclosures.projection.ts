import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from '../../../read-models/src/projection-definition';
import {
  agencyKey,
  DISCLOSURE_STREAM_PREFIX,
  DSA_STREAM_PREFIX,
  evolveDsa,
  initialDsaState,
  type DisclosureEvent,
  type DisclosurePanelCorrected,
  type InformationShared,
  type InformationWithheld,
  type DsaEvent,
  type DsaState,
} from '../domain';
import {
  CASE_STREAM_PREFIX,
  casePanelOf,
  inferredPanel,
  migrateEntryPanels,
  BatchNotes,
  noteCaseEvent,
  noteRecorderPanel,
} from './entry-panels';

const statements = (db: ProjectionDatabase) => ({
  dsa: db.prepare<{ state: string }, [string]>(`SELECT state FROM ${db.table('dsas')} WHERE dsa_id = ?`),
  putDsa: db.prepare<unknown, [string, string, string, string | null, string | null, string]>(
    `INSERT OR REPLACE INTO ${db.table('dsas')} (dsa_id, title, review_date, in_force_to, expired_at, state)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  putDisclosure: db.prepare<unknown, [Record<string, unknown>]>(
    `INSERT OR IGNORE INTO ${db.table('disclosures')} (disclosure_id, kind, from_agency, from_agency_key, to_agency, to_agency_key,
       to_user_id, person_id, case_id, panel, panel_source, fields, records_behind_fields, documents, purpose, lawful_basis, dsa_id,
       consent, reason, occurred_at, expires_at, recorded_at, actor, recorded_by, position)
     VALUES (@disclosureId, @kind, @fromAgency, @fromAgencyKey, @toAgency, @toAgencyKey, @toUserId, @personId, @caseId, @panel, @panelSource, @fields,
       @recordsBehindFields, @documents, @purpose, @lawfulBasis, @dsaId, @consent, @reason, @occurredAt, @expiresAt, @recordedAt, @actor,
       @recordedBy, @position)`,
  ),
  revoke: db.prepare<unknown, [string, string, string]>(
    `UPDATE ${db.table('disclosures')} SET revoked_at = ?, revoke_reason = ? WHERE disclosure_id = ? AND revoked_at IS NULL`,
  ),
  placed: db.prepare<{ panel: string | null; panel_source: string }, [string]>(
    `SELECT panel, panel_source FROM ${db.table('disclosures')} WHERE disclosure_id = ? AND case_id IS NULL`,
  ),
  recordBehind: db.prepare<unknown, [string, string]>(
    `INSERT OR IGNORE INTO ${db.table('disclosure_records')} (disclosure_id, record_id) VALUES (?, ?)`,
  ),
  correctPanel: db.prepare<unknown, [string, string, string]>(
    `UPDATE ${db.table('disclosures')} SET panel = ?, panel_source = 'corrected', panel_correction = ?
     WHERE disclosure_id = ?`,
  ),
});

/**
 * The disclosure register and the agreements it rests on, one row each. It answers "which
 * fields of case/person X are open to agency A now" (see DisclosureRegister) and the register
 * auditors read. Whether a disclosure is open is decided at query time against the clock,
 * because expiry is the passing of time, not an event.
 */
export const disclosuresProjection: ProjectionDefinition = {
  name: 'information_sharing',
  // v2: the disclosing agency's normalised name (`from_agency_key`) for the register's agency filter.
  // v3: the panel the discloser acted for (`panel`; null on entries recorded before it was kept),
  //     which scopes who may know of an entry about a person alone.
  // v4: every entry's panel, so the register is filtered in SQL: an old case entry takes its case's
  //     (from the case streams' referrals), an old person-only one the single panel that fits
  //     (entry-panels.ts), else null; and who recorded it (`recorded_by`).
  // v5: where the panel came from (`panel_source`: recorded, case, inferred, corrected, unknown) and
  //     an admin's `disclosure-panel-corrected`, which moves a person-only entry to another panel
  //     (`panel_correction`: the panel it replaced, why, when, by whom).
  // v6: the person index records behind what an entry about a person alone passed on
  //     (`disclosure_records`), so the register lists it under whoever holds them after a split.
  // v7: the records behind each person field an entry gave out, about a case or a person alone
  //     (`records_behind_fields`, JSON; null when it kept none), so it opens each field from those only.
  // v8: agreements folded by the evolve that ends every running membership of a removed agency and
  //     drops one not started by then (a removal or joining once dated ahead), so stored states match.
  // v9: agreements folded by the evolve in which a renewal withdraws an expiry not yet come and
  //     replaces a spell not begun by its day (an expiry or renewal once dated ahead).
  version: 9,
  streamPrefixes: [DSA_STREAM_PREFIX, DISCLOSURE_STREAM_PREFIX, CASE_STREAM_PREFIX],
  migrate(db: ProjectionDatabase): void {
    db.exec(`CREATE TABLE ${db.table('dsas')} (dsa_id TEXT PRIMARY KEY, title TEXT NOT NULL, review_date TEXT NOT NULL,
      in_force_to TEXT, expired_at TEXT, state TEXT NOT NULL)`);
    db.exec(`CREATE TABLE ${db.table('disclosures')} (disclosure_id TEXT PRIMARY KEY, kind TEXT NOT NULL,
      from_agency TEXT NOT NULL, from_agency_key TEXT NOT NULL, to_agency TEXT NOT NULL, to_agency_key TEXT NOT NULL, to_user_id TEXT,
      person_id TEXT, case_id TEXT, panel TEXT, panel_source TEXT NOT NULL, panel_correction TEXT, fields TEXT NOT NULL,
      records_behind_fields TEXT, documents TEXT NOT NULL, purpose TEXT NOT NULL,
      lawful_basis TEXT, dsa_id TEXT, consent TEXT, reason TEXT, occurred_at TEXT NOT NULL, expires_at TEXT,
      recorded_at TEXT NOT NULL, actor TEXT NOT NULL, recorded_by TEXT, revoked_at TEXT, revoke_reason TEXT,
      position INTEGER NOT NULL)`);
    db.exec(`CREATE INDEX ${db.table('disclosures_by_case')} ON ${db.table('disclosures')} (case_id, to_agency_key)`);
    db.exec(
      `CREATE INDEX ${db.table('disclosures_by_person')} ON ${db.table('disclosures')} (person_id, to_agency_key)`,
    );
    db.exec(`CREATE TABLE ${db.table('disclosure_records')} (disclosure_id TEXT NOT NULL, record_id TEXT NOT NULL,
      PRIMARY KEY (disclosure_id, record_id)) WITHOUT ROWID`);
    migrateEntryPanels(db);
  },
  indexes(db: ProjectionDatabase): void {
    // Register pages are read in log order and stop once they are full.
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('disclosures_in_order')} ON ${db.table('disclosures')} (position)`);
    // `?personId=` finds the entries about a person alone by the records the person holds now.
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${db.table('disclosure_records_by_record')} ON ${db.table('disclosure_records')} (record_id)`,
    );
  },
  apply(db: ProjectionDatabase, event: RecordedEvent): void {
    applyOne(db, event);
  },
  applyBatch(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
    const notes = new BatchNotes();
    for (const event of events) applyOne(db, event, notes);
  },
};

type RecordedEntry = InformationShared | InformationWithheld;

/** How the register came by an entry's panel; `corrected` is an admin's, after the entry. */
export type PanelSource = 'recorded' | 'case' | 'inferred' | 'corrected' | 'unknown';

/** The panel an entry is for: as recorded; else its case's; else inferred for a person alone. */
function panelOfEntry(
  db: ProjectionDatabase,
  d: RecordedEntry['data'],
  actorId: string,
): { panel: string | null; source: PanelSource } {
  if (d.panel !== undefined) return { panel: d.panel.toUpperCase(), source: 'recorded' };
  const panel =
    d.caseId !== null
      ? (casePanelOf(db, d.caseId) ?? null)
      : d.personId === null
        ? null
        : inferredPanel(db, actorId, d.personId);
  return { panel, source: panel === null ? 'unknown' : d.caseId !== null ? 'case' : 'inferred' };
}

/** The register keeps what the correction replaced, so a reader need not go back to the log. */
function applyCorrection(db: ProjectionDatabase, event: RecordedEvent & DisclosurePanelCorrected): void {
  const sql = db.statements(statements);
  const before = sql.placed.get(event.data.disclosureId);
  // The decider refuses entries about a case; a row without one is not this entry's to move.
  if (before === undefined) return;
  const correction = {
    previousPanel: before.panel,
    previousPanelSource: before.panel_source,
    reason: event.data.reason,
    correctedAt: event.data.occurredAt,
    correctedBy: event.metadata.actor,
  };
  sql.correctPanel.run(event.data.panel, JSON.stringify(correction), event.data.disclosureId);
}

function applyOne(db: ProjectionDatabase, event: RecordedEvent, notes?: BatchNotes): void {
  const sql = db.statements(statements);
  if (event.stream.startsWith(CASE_STREAM_PREFIX)) {
    noteCaseEvent(db, event, notes);
    return;
  }
  if (event.stream.startsWith(DSA_STREAM_PREFIX)) {
    const dsaId = event.stream.slice(DSA_STREAM_PREFIX.length);
    const row = sql.dsa.get(dsaId);
    const before: DsaState = row === undefined ? initialDsaState() : (JSON.parse(row.state) as DsaState);
    const after = evolveDsa(before, event as unknown as DsaEvent);
    if (!after.exists) return;
    sql.putDsa.run(dsaId, after.title, after.reviewDate, after.inForceTo, after.expiredAt, JSON.stringify(after));
    return;
  }
  const disclosure = event as unknown as DisclosureEvent;
  if (disclosure.type === 'disclosure-revoked') {
    sql.revoke.run(disclosure.data.occurredAt, disclosure.data.reason, disclosure.data.disclosureId);
    return;
  }
  if (disclosure.type === 'disclosure-panel-corrected') {
    applyCorrection(db, event as RecordedEvent & DisclosurePanelCorrected);
    return;
  }
  if (disclosure.type !== 'information-shared' && disclosure.type !== 'information-withheld') return;
  const d = disclosure.data;
  const actorId = event.metadata.actor.id;
  const { panel, source } = panelOfEntry(db, d, actorId);
  // An inferred panel is no new evidence of where the recorder sat.
  if (panel !== null && (d.panel !== undefined || d.caseId !== null)) noteRecorderPanel(db, actorId, panel);
  const put = sql.putDisclosure.run({
    disclosureId: d.disclosureId,
    kind: disclosure.type === 'information-shared' ? 'shared' : 'withheld',
    fromAgency: d.fromAgency,
    fromAgencyKey: agencyKey(d.fromAgency),
    toAgency: d.toAgency,
    toAgencyKey: agencyKey(d.toAgency),
    toUserId: d.toUser?.id ?? null,
    personId: d.personId,
    caseId: d.caseId,
    panel,
    panelSource: source,
    fields: JSON.stringify(d.fields),
    recordsBehindFields: d.recordsBehindFields === undefined ? null : JSON.stringify(d.recordsBehindFields),
    documents: JSON.stringify(d.documents),
    purpose: d.purpose,
    lawfulBasis: d.lawfulBasis === null ? null : JSON.stringify(d.lawfulBasis),
    dsaId: d.dsaId,
    consent: d.consent === null ? null : JSON.stringify(d.consent),
    reason: disclosure.type === 'information-withheld' ? disclosure.data.reason : null,
    occurredAt: d.occurredAt,
    expiresAt: disclosure.type === 'information-shared' ? disclosure.data.expiresAt : null,
    recordedAt: event.metadata.recordedAt,
    actor: JSON.stringify(event.metadata.actor),
    recordedBy: actorId,
    position: Number(event.position),
  });
  // Only with the entry they came with: a second recording event for the id is ignored, records and all.
  if (put.changes === 0 || d.caseId !== null) return;
  for (const recordId of d.personRecordIds ?? []) sql.recordBehind.run(d.disclosureId, recordId);
}

export const informationSharingProjections: readonly ProjectionDefinition[] = [disclosuresProjection];
