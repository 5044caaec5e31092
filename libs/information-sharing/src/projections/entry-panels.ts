import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';

/** Case streams, read here only for which panel a case is on and who acted on it. */
export const CASE_STREAM_PREFIX = 'case-';

const statements = (db: ProjectionDatabase) => ({
  putCase: db.prepare<unknown, [string, string, string]>(
    `INSERT OR IGNORE INTO ${db.table('case_panels')} (case_id, panel, person_id) VALUES (?, ?, ?)`,
  ),
  casePanel: db.prepare<string, [string]>(`SELECT panel FROM ${db.table('case_panels')} WHERE case_id = ?`).pluck(),
  actedOn: db.prepare<unknown, [string, string]>(
    `INSERT OR IGNORE INTO ${db.table('recorder_panels')} (actor_id, panel) VALUES (?, ?)`,
  ),
  // Panels with a case for the person that the recorder had acted on a case of, both so far in the log.
  fitting: db
    .prepare<string, [string, string]>(
      `SELECT DISTINCT c.panel FROM ${db.table('case_panels')} c
       JOIN ${db.table('recorder_panels')} r ON r.panel = c.panel AND r.actor_id = ?
       WHERE c.person_id = ? LIMIT 2`,
    )
    .pluck(),
});

export function migrateEntryPanels(db: ProjectionDatabase): void {
  db.exec(
    `CREATE TABLE ${db.table('case_panels')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, person_id TEXT NOT NULL)`,
  );
  db.exec(`CREATE INDEX ${db.table('case_panels_by_person')} ON ${db.table('case_panels')} (person_id, panel)`);
  db.exec(`CREATE TABLE ${db.table('recorder_panels')} (actor_id TEXT NOT NULL, panel TEXT NOT NULL,
    PRIMARY KEY (actor_id, panel)) WITHOUT ROWID`);
}

/**
 * What one batch has already written to these tables, so a case event repeating it costs a map
 * lookup, not two statements: each case's panel as read or put, and each actor and panel noted.
 * Both tables only ever gain rows (`INSERT OR IGNORE`), so skipping a repeat changes nothing they
 * hold; the notes die with the batch, and with its transaction if it rolls back.
 */
export class BatchNotes {
  readonly casePanels = new Map<string, string | undefined>();
  readonly actorPanels = new Set<string>();
}

/**
 * Learns from a case event which panel the case is on (its referral) and that its actor sat on
 * that panel then: commands on a case are for its panel's members only. The actor metadata keeps
 * no panels, so acting on a panel's cases is the log's only evidence of membership.
 */
export function noteCaseEvent(db: ProjectionDatabase, event: RecordedEvent, notes?: BatchNotes): void {
  const sql = db.statements(statements);
  const caseId = event.stream.slice(CASE_STREAM_PREFIX.length);
  if (event.type === 'referral-made') {
    const data = event.data as { panelCode: string; personId: string };
    sql.putCase.run(caseId, data.panelCode.toUpperCase(), data.personId);
    notes?.casePanels.delete(caseId);
  }
  const actorId = event.metadata.actor?.id;
  if (typeof actorId !== 'string') return;
  let panel: string | undefined;
  if (notes?.casePanels.has(caseId) === true) panel = notes.casePanels.get(caseId);
  else {
    panel = sql.casePanel.get(caseId);
    notes?.casePanels.set(caseId, panel);
  }
  if (panel === undefined) return;
  const pair = `${actorId}\u0000${panel}`;
  if (notes?.actorPanels.has(pair) === true) return;
  sql.actedOn.run(actorId, panel);
  notes?.actorPanels.add(pair);
}

/** The panel of a case the log has seen the referral of; undefined otherwise. */
export const casePanelOf = (db: ProjectionDatabase, caseId: string): string | undefined =>
  db.statements(statements).casePanel.get(caseId);

/** Recording an entry for a panel is, like acting on its case, evidence of sitting on it. */
export const noteRecorderPanel = (db: ProjectionDatabase, actorId: string, panel: string): void => {
  db.statements(statements).actedOn.run(actorId, panel);
};

/**
 * The panel a person-only entry recorded before panels were kept was most likely made for: the
 * one panel, if only one, that both had a case for the person and the recorder had acted for,
 * by this point in the log. Old disclosures needed a case for the person on one of the
 * discloser's panels, so the true panel is among those with a case; with several (or none the
 * recorder is known on) it stays null, the safe reading.
 */
export function inferredPanel(db: ProjectionDatabase, actorId: string, personId: string): string | null {
  const fitting = db.statements(statements).fitting.all(actorId, personId);
  return fitting.length === 1 ? fitting[0]! : null;
}
