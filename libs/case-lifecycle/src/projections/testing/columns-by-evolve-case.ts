/**
 * The tracker's columns for a case as the domain's own `evolveCase` folds it: the reference the
 * projection's own fold (cohort-tracked-case.ts) is held to, so the tracker cannot disagree with
 * the rules the deciders enforce. Written for plainness, not speed: it folds the whole history
 * into a `CaseRecord` and reads the columns off it the obvious way.
 */
import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import {
  evolveCase,
  followUpAnchor,
  followUpShown,
  initialCaseState,
  type CaseEvent,
  type CaseRecord,
  type CaseState,
  ukDay,
} from '../../domain';
import type { CaseRow } from '../cohort-columns';
import { IDVA_SUPPORT_PRECEDENCE, isIdvaSupport } from '../cohort-idva';
import { referralOrder } from '../cohort-case-row';

/** The columns; the memo is the projection's own business. */
export type CaseColumns = Omit<CaseRow, 'memo'>;

/** The two columns the state does not hold, taken from the events that carry them. */
interface Folded {
  readonly record: CaseState;
  readonly iomReason: string | null;
  readonly iomReasonCategory: string | null;
  readonly dashScore: number | null;
  /** From the referral that opened the case (the state ignores a second one). */
  readonly repeatWindow: number | null;
  /** The opening referral's incident (the state keeps only the repeat flag it decided). */
  readonly incidentAt: string | null;
  /** Every motivation & engagement record, in log order: its level, instant and UK date. */
  readonly engagementRecords: readonly { readonly level: string; readonly at: number; readonly day: string }[];
}

const DECISIONS_WITH_REASON = new Set(['iom-case-adopted', 'iom-case-rejected', 'iom-discretionary-adoption']);

/** An eligible adoption has no category; the others have theirs, or none recorded (`not-categorised`). */
const categoryOf = (type: string, category: string | undefined): string | null =>
  type === 'iom-case-adopted' ? null : (category ?? 'not-categorised');

function evolveFolded(folded: Folded, event: RecordedEvent): Folded {
  const record = evolveCase(folded.record, event as unknown as CaseEvent);
  if (!record.exists) return folded;
  const data = event.data as {
    reason?: string;
    category?: string;
    level?: string;
    occurredAt?: string;
    details?: {
      kind?: string;
      dashScore?: number;
      thresholdsApplied?: { repeatWindowMonths?: number };
      incident?: { occurredAt?: string };
    };
  };
  const opening = event.type === 'referral-made' && !folded.record.exists;
  return {
    record,
    iomReason: DECISIONS_WITH_REASON.has(event.type) ? (data.reason ?? null) : folded.iomReason,
    iomReasonCategory: DECISIONS_WITH_REASON.has(event.type)
      ? categoryOf(event.type, data.category)
      : folded.iomReasonCategory,
    dashScore:
      event.type === 'referral-made' && data.details?.kind === 'marac'
        ? (data.details.dashScore ?? null)
        : folded.dashScore,
    repeatWindow:
      opening && data.details?.kind === 'marac'
        ? (data.details.thresholdsApplied?.repeatWindowMonths ?? null)
        : folded.repeatWindow,
    incidentAt:
      opening && data.details?.kind === 'marac' ? (data.details.incident?.occurredAt ?? null) : folded.incidentAt,
    engagementRecords:
      event.type === 'engagement-recorded'
        ? [
            ...folded.engagementRecords,
            {
              level: data.level ?? '',
              at: Date.parse(data.occurredAt ?? ''),
              day: ukDay(data.occurredAt ?? '') ?? '',
            },
          ]
        : folded.engagementRecords,
  };
}

function allianceColumns(
  record: CaseRecord,
): Pick<CaseColumns, 'alliance_residence' | 'alliance_outcome' | 'follow_up_due' | 'follow_up_from'> {
  if (record.panel.kind !== 'alliance')
    return { alliance_residence: null, alliance_outcome: null, follow_up_due: null, follow_up_from: null };
  const latest = Object.values(record.panel.engagements).at(-1);
  const followUpOwed =
    latest !== undefined && latest.followUpCompletedAt === null && latest.outcome !== 'out-of-area-mash-referral';
  const shown = followUpOwed ? followUpShown(followUpAnchor(latest), latest.followUpDueAt, record.currentStatus) : null;
  return {
    alliance_residence: latest?.residenceBorough ?? null,
    alliance_outcome: latest?.outcome ?? null,
    follow_up_due: shown?.dueAt ?? null,
    follow_up_from: shown?.from ?? null,
  };
}

/**
 * Read off the whole record in the order it happened (entry order on ties): the last engaging
 * record's day, and while the latest record is of no engagement, that day or (never engaging) the
 * first record's.
 */
function nonEngagementColumns(
  entered: Folded['engagementRecords'],
): Pick<CaseColumns, 'last_engaged_on' | 'non_engagement_since'> {
  const records = [...entered].sort((a, b) => a.at - b.at);
  const engaging = records.filter((r) => r.level !== 'no-attendance-or-engagement');
  const lastEngagedOn = engaging.at(-1)?.day ?? null;
  const notEngagingNow = records.at(-1)?.level === 'no-attendance-or-engagement';
  return {
    last_engaged_on: lastEngagedOn,
    non_engagement_since: notEngagingNow ? (lastEngagedOn ?? records[0]?.day ?? null) : null,
  };
}

/** MARAC: the first status, in precedence, that any intervention naming an IDVA has. */
function idvaColumn(record: CaseRecord): CaseColumns['marac_idva'] {
  if (record.panel.kind !== 'marac') return null;
  const statuses = Object.values(record.interventions)
    .filter((intervention) => isIdvaSupport(intervention.interventionType, intervention.kind))
    .map((intervention) => intervention.status);
  return IDVA_SUPPORT_PRECEDENCE.find((status) => statuses.includes(status)) ?? null;
}

const byInstant = (a: string, b: string): number => Date.parse(a) - Date.parse(b);

function columnsOf(
  caseId: string,
  { record, iomReason, iomReasonCategory, dashScore, repeatWindow, incidentAt, engagementRecords }: Folded,
  position: bigint,
): CaseColumns | undefined {
  if (!record.exists) return undefined;
  const open = Object.values(record.actions).filter((a) => a.completedAt === null);
  const listings = Object.values(record.listings);
  const waiting = listings.filter((l) => l.discussedAt === null).map((l) => l.meetingDate);
  const discussed = listings.flatMap((l) => (l.discussedAt === null ? [] : [l.discussedAt]));
  const iom = record.panel.kind === 'iom' ? record.panel : undefined;
  return {
    case_id: caseId,
    panel: record.panelCode,
    person_id: record.personId,
    phase: record.phase,
    current_status: record.currentStatus,
    rag: record.riskRating,
    engagement_level: record.engagementLevel,
    open_actions: open.length,
    earliest_action_due: open.map((a) => a.dueBy).sort()[0] ?? null,
    next_meeting: waiting.sort(byInstant)[0] ?? null,
    last_discussed: discussed.sort(byInstant).reverse()[0] ?? null,
    referred_at: record.referredAt,
    referred_order: referralOrder(record.referredAt),
    marac_repeat: record.panel.kind === 'marac' ? Number(record.panel.repeat) : null,
    marac_repeat_window: repeatWindow,
    marac_incident_at: incidentAt,
    dash_score: dashScore,
    marac_idva: idvaColumn(record),
    // An expiry flag stands only while the latest upload does not support the case.
    iom_eligible:
      iom?.cohortExpiry !== undefined ? 0 : iom?.eligibility == null ? null : Number(iom.eligibility.eligible),
    iom_decision: iom?.decision ?? null,
    iom_reason: iomReason,
    iom_reason_category: iomReasonCategory as CaseColumns['iom_reason_category'],
    iom_pathways: iom === undefined ? null : JSON.stringify(iom.pathways),
    iom_expiry_month: iom?.cohortExpiry?.month ?? null,
    iom_expiry_reason: iom?.cohortExpiry?.reason ?? null,
    ...nonEngagementColumns(engagementRecords),
    unlocated_since: iom?.unlocatedSince ?? null,
    ...allianceColumns(record),
    last_position: Number(position),
  };
}

/** The case's columns after each event of its history: none until it is referred. */
export function columnsAfterEachEvent(caseId: string, history: readonly RecordedEvent[]): (CaseColumns | undefined)[] {
  let folded: Folded = {
    record: initialCaseState(),
    iomReason: null,
    iomReasonCategory: null,
    dashScore: null,
    repeatWindow: null,
    incidentAt: null,
    engagementRecords: [],
  };
  return history.map((event) => {
    folded = evolveFolded(folded, event);
    return columnsOf(caseId, folded, event.position);
  });
}

/** The case's columns after its whole history; none if it was never referred. */
export function columnsByEvolveCase(caseId: string, history: readonly RecordedEvent[]): CaseColumns | undefined {
  return columnsAfterEachEvent(caseId, history).at(-1);
}
