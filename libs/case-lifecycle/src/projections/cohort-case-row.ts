import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import {
  evolveCase,
  type CaseEvent,
  type CasePhase,
  type CaseRecord,
  type CaseState,
  type EngagementLevel,
  type IomDecision,
  type RagRating,
} from '../domain';
import { memoOf, recallCase } from './cohort-memo';

/** A case's row in the cohort's `cases` table, column for column. */
export interface CaseRow {
  readonly case_id: string;
  readonly panel: string;
  readonly person_id: string;
  readonly phase: CasePhase;
  readonly current_status: string | null;
  readonly rag: RagRating | null;
  readonly engagement_level: EngagementLevel | null;
  readonly open_actions: number;
  readonly earliest_action_due: string | null;
  readonly next_meeting: string | null;
  readonly last_discussed: string | null;
  readonly referred_at: string;
  readonly marac_repeat: number | null;
  readonly dash_score: number | null;
  readonly iom_eligible: number | null;
  readonly iom_decision: IomDecision | null;
  readonly iom_reason: string | null;
  readonly iom_pathways: string | null;
  readonly alliance_outcome: string | null;
  readonly follow_up_due: string | null;
  readonly last_position: number;
  /** What later events still need beyond the columns (see `memoOf`), as JSON. */
  readonly memo: string;
}

export const CASE_COLUMNS = [
  'case_id',
  'panel',
  'person_id',
  'phase',
  'current_status',
  'rag',
  'engagement_level',
  'open_actions',
  'earliest_action_due',
  'next_meeting',
  'last_discussed',
  'referred_at',
  'marac_repeat',
  'dash_score',
  'iom_eligible',
  'iom_decision',
  'iom_reason',
  'iom_pathways',
  'alliance_outcome',
  'follow_up_due',
  'last_position',
  'memo',
] as const satisfies readonly (keyof CaseRow)[];

/**
 * A case folded by the domain's own `evolveCase`, so the tracker can never disagree with the
 * rules the deciders enforce, plus two columns the state does not hold: the IOM decision's
 * reason and the MARAC referral's DASH score, taken from the events that carry them.
 */
export interface CaseFold {
  readonly record: CaseState;
  readonly iomReason: string | null;
  readonly dashScore: number | null;
}

export const NO_CASE: CaseFold = { record: { exists: false }, iomReason: null, dashScore: null };

const DECISIONS_WITH_REASON = new Set(['iom-case-adopted', 'iom-case-rejected', 'iom-discretionary-adoption']);

export function evolveCaseFold(fold: CaseFold, event: RecordedEvent): CaseFold {
  const record = evolveCase(fold.record, event as unknown as CaseEvent);
  if (!record.exists) return fold;
  const data = event.data as { reason?: string; details?: { kind?: string; dashScore?: number } };
  return {
    record,
    iomReason: DECISIONS_WITH_REASON.has(event.type) ? (data.reason ?? null) : fold.iomReason,
    dashScore:
      event.type === 'referral-made' && data.details?.kind === 'marac'
        ? (data.details.dashScore ?? null)
        : fold.dashScore,
  };
}

export function foldOfRow(row: CaseRow): CaseFold {
  return { record: recallCase(row), iomReason: row.iom_reason, dashScore: row.dash_score };
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

/** The case's row as of the event at `lastPosition`; none before its referral. */
export function caseRow(caseId: string, fold: CaseFold, lastPosition: bigint): CaseRow | undefined {
  const { record } = fold;
  if (!record.exists) return undefined;
  const actions = openActions(record);
  const alliance = allianceColumns(record);
  const iom = record.panel.kind === 'iom' ? record.panel : undefined;
  return {
    case_id: caseId,
    panel: record.panelCode,
    person_id: record.personId,
    phase: record.phase,
    current_status: record.currentStatus,
    rag: record.riskRating,
    engagement_level: record.engagementLevel,
    open_actions: actions.count,
    earliest_action_due: actions.earliestDue,
    next_meeting: nextMeeting(record),
    last_discussed: lastDiscussed(record),
    referred_at: record.referredAt,
    marac_repeat: record.panel.kind === 'marac' ? Number(record.panel.repeat) : null,
    dash_score: fold.dashScore,
    iom_eligible: iom?.eligibility == null ? null : Number(iom.eligibility.eligible),
    iom_decision: iom?.decision ?? null,
    iom_reason: fold.iomReason,
    iom_pathways: iom === undefined ? null : JSON.stringify(iom.pathways),
    alliance_outcome: alliance.outcome,
    follow_up_due: alliance.followUpDue,
    last_position: Number(lastPosition),
    memo: memoOf(record),
  };
}
