import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { evolveCase, initialCaseState, type CaseEvent, type CaseRecord, type CaseState } from '../domain';

interface CaseRow {
  state: string;
  iom_reason: string | null;
  dash_score: number | null;
}

/** The earliest listing not yet discussed: the meeting the case is waiting for. */
function nextMeeting(record: CaseRecord): string | null {
  const waiting = Object.values(record.listings)
    .filter((l) => l.discussedAt === null)
    .map((l) => l.meetingDate);
  return waiting.sort()[0] ?? null;
}

function lastDiscussed(record: CaseRecord): string | null {
  const discussed = Object.values(record.listings).flatMap((l) => (l.discussedAt === null ? [] : [l.discussedAt]));
  return discussed.sort().reverse()[0] ?? null;
}

function openActions(record: CaseRecord): { count: number; earliestDue: string | null } {
  const open = Object.values(record.actions).filter((a) => a.completedAt === null);
  return { count: open.length, earliestDue: open.map((a) => a.dueBy).sort()[0] ?? null };
}

function allianceColumns(record: CaseRecord): { outcome: string | null; followUpDue: string | null } {
  if (record.panel.kind !== 'alliance') return { outcome: null, followUpDue: null };
  const engagements = Object.values(record.panel.engagements);
  const latest = engagements[engagements.length - 1];
  const followUpOwed =
    latest !== undefined && latest.followUpCompletedAt === null && latest.outcome !== 'out-of-area-mash-referral';
  return { outcome: latest?.outcome ?? null, followUpDue: followUpOwed ? latest.followUpDueAt : null };
}

/**
 * One row per case with the columns a panel's live tracker filters on. The case's state is
 * folded with the domain's own `evolveCase`, so the tracker can never disagree with the rules
 * the deciders enforce; person names come from the person streams.
 */
export const cohortProjection: ProjectionDefinition = {
  name: 'panel_cohort',
  version: 1,
  streamPrefixes: ['case-', 'person-'],
  migrate(db: ProjectionDatabase): void {
    db.exec(`CREATE TABLE ${db.table('cases')} (
      case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, person_id TEXT NOT NULL, phase TEXT NOT NULL,
      current_status TEXT, rag TEXT, engagement_level TEXT, open_actions INTEGER NOT NULL,
      earliest_action_due TEXT, next_meeting TEXT, last_discussed TEXT, referred_at TEXT NOT NULL,
      marac_repeat INTEGER, dash_score INTEGER, iom_eligible INTEGER, iom_decision TEXT, iom_reason TEXT,
      iom_pathways TEXT, alliance_outcome TEXT, follow_up_due TEXT, last_position INTEGER NOT NULL, state TEXT NOT NULL)`);
    db.exec(`CREATE INDEX ${db.table('cases_by_panel')} ON ${db.table('cases')} (panel, phase)`);
    db.exec(`CREATE INDEX ${db.table('cases_by_person')} ON ${db.table('cases')} (person_id)`);
    db.exec(
      `CREATE TABLE ${db.table('people')} (person_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, search_name TEXT NOT NULL)`,
    );
  },
  apply(db: ProjectionDatabase, event: RecordedEvent): void {
    if (event.stream.startsWith('person-')) {
      applyPerson(db, event);
      return;
    }
    const caseId = event.stream.slice('case-'.length);
    const row = db
      .prepare<CaseRow, [string]>(`SELECT state, iom_reason, dash_score FROM ${db.table('cases')} WHERE case_id = ?`)
      .get(caseId);
    const before: CaseState = row === undefined ? initialCaseState() : (JSON.parse(row.state) as CaseState);
    const after = evolveCase(before, event as unknown as CaseEvent);
    if (!after.exists) return;
    let iomReason = row?.iom_reason ?? null;
    let dashScore = row?.dash_score ?? null;
    const data = event.data as { reason?: string; details?: { kind?: string; dashScore?: number } };
    if (['iom-case-adopted', 'iom-case-rejected', 'iom-discretionary-adoption'].includes(event.type))
      iomReason = data.reason ?? null;
    if (event.type === 'referral-made' && data.details?.kind === 'marac') dashScore = data.details.dashScore ?? null;
    const actions = openActions(after);
    const alliance = allianceColumns(after);
    const iom = after.panel.kind === 'iom' ? after.panel : undefined;
    db.prepare(
      `INSERT OR REPLACE INTO ${db.table('cases')} (case_id, panel, person_id, phase, current_status, rag, engagement_level,
        open_actions, earliest_action_due, next_meeting, last_discussed, referred_at, marac_repeat, dash_score, iom_eligible,
        iom_decision, iom_reason, iom_pathways, alliance_outcome, follow_up_due, last_position, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      caseId,
      after.panelCode,
      after.personId,
      after.phase,
      after.currentStatus,
      after.riskRating,
      after.engagementLevel,
      actions.count,
      actions.earliestDue,
      nextMeeting(after),
      lastDiscussed(after),
      after.referredAt,
      after.panel.kind === 'marac' ? Number(after.panel.repeat) : null,
      dashScore,
      iom?.eligibility == null ? null : Number(iom.eligibility.eligible),
      iom?.decision ?? null,
      iomReason,
      iom === undefined ? null : JSON.stringify(iom.pathways),
      alliance.outcome,
      alliance.followUpDue,
      Number(event.position),
      JSON.stringify(after),
    );
  },
};

function applyPerson(db: ProjectionDatabase, event: RecordedEvent): void {
  const personId = event.stream.slice('person-'.length);
  const data = event.data as {
    details?: { forenames?: string; surname?: string };
    changes?: { forenames?: string; surname?: string };
  };
  const names =
    event.type === 'person-registered'
      ? data.details
      : event.type === 'person-details-recorded'
        ? data.changes
        : undefined;
  if (names?.forenames === undefined && names?.surname === undefined) return;
  const existing = db
    .prepare<{ display_name: string }, [string]>(`SELECT display_name FROM ${db.table('people')} WHERE person_id = ?`)
    .get(personId);
  const [oldForenames = '', oldSurname = ''] = existing === undefined ? [] : existing.display_name.split(' \u00b7 ');
  const forenames = names.forenames ?? oldForenames;
  const surname = names.surname ?? oldSurname;
  const display = `${forenames} \u00b7 ${surname}`;
  db.prepare(
    `INSERT OR REPLACE INTO ${db.table('people')} (person_id, display_name, search_name) VALUES (?, ?, ?)`,
  ).run(personId, display, `${forenames} ${surname}`.toLowerCase());
}
