import { instantToIso, parseInstant } from '../domain/calendar';
import { followUpShown, owesFollowUp } from '../domain';
import { idvaSupport } from './cohort-idva';
import type { CaseRow } from './cohort-columns';
import { memoOf } from './cohort-memo';
import { earlier } from './cohort-next-meeting';
import type { TrackedCase, TrackedEngagement } from './cohort-tracked-case';

/** The earliest due date of the open actions: overdue when it is past. */
function earliestDue(openActions: ReadonlyMap<string, string>): string | null {
  let earliest: string | null = null;
  for (const dueBy of openActions.values()) if (earliest === null || dueBy < earliest) earliest = dueBy;
  return earliest;
}

/** The earliest meeting not yet discussed (the one the case is waiting for), and the last discussion. */
function meetings(tracked: TrackedCase): { next: string | null; lastDiscussed: string | null } {
  let next: string | null = null;
  let lastDiscussed: string | null = null;
  for (const { meetingDate, discussedAt } of tracked.listings.values()) {
    if (discussedAt === null) {
      if (next === null || earlier(meetingDate, next)) next = meetingDate;
    } else if (lastDiscussed === null || earlier(lastDiscussed, discussedAt)) lastDiscussed = discussedAt;
  }
  return { next, lastDiscussed };
}

/**
 * The latest engagement sets the Alliance columns; out-of-area cases go to their MASH, owing no
 * follow-up, and a child still held is not yet owed it (`followUpShown`).
 */
function followUp(
  latest: TrackedEngagement | undefined,
  currentStatus: string | null,
): Pick<CaseRow, 'follow_up_due' | 'follow_up_from'> {
  if (latest === undefined || latest.followUpCompletedAt !== null || !owesFollowUp(latest.outcome))
    return { follow_up_due: null, follow_up_from: null };
  const { from, dueAt } = followUpShown(latest.followUpFrom, latest.followUpDueAt, currentStatus);
  return { follow_up_due: dueAt, follow_up_from: from };
}

/** Canonical UTC as `instantToIso` prints it: how intake records a referral's instant. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The referral instant as canonical UTC (`2021-03-10T09:00:00.000Z`), whose text order is time
 * order; a text that is no instant (none is accepted at intake) is kept as it is.
 */
export function referralOrder(referredAt: string): string {
  // Run at every save of a case row, where parsing and printing showed in a rebuild's profile. A
  // text already canonical comes back as it is either way: printed again if it is an instant,
  // kept if it is not one (a 30 February).
  if (CANONICAL_UTC.test(referredAt)) return referredAt;
  const ms = parseInstant(referredAt);
  return ms === undefined ? referredAt : instantToIso(ms);
}

/** The case's row as of the event at `lastPosition`: the columns are derived here, once a batch. */
export function caseRow(caseId: string, tracked: TrackedCase, lastPosition: bigint): CaseRow {
  const { next, lastDiscussed } = meetings(tracked);
  const latest = tracked.engagements === null ? undefined : Object.values(tracked.engagements).at(-1);
  const { iomPathways } = tracked;
  return {
    case_id: caseId,
    panel: tracked.panel,
    person_id: tracked.personId,
    phase: tracked.phase,
    current_status: tracked.currentStatus,
    rag: tracked.rag,
    engagement_level: tracked.engagementLevel,
    open_actions: tracked.openActions.size,
    earliest_action_due: earliestDue(tracked.openActions),
    next_meeting: next,
    last_discussed: lastDiscussed,
    referred_at: tracked.referredAt,
    referred_order: referralOrder(tracked.referredAt),
    marac_repeat: tracked.maracRepeat,
    marac_repeat_window: tracked.maracRepeatWindow,
    marac_incident_at: tracked.maracIncidentAt,
    dash_score: tracked.dashScore,
    marac_idva: tracked.idvaInterventions === null ? null : idvaSupport(tracked.idvaInterventions.values()),
    iom_eligible: tracked.iomEligible,
    iom_decision: tracked.iomDecision,
    iom_reason: tracked.iomReason,
    iom_reason_category: tracked.iomReasonCategory,
    iom_pathways: typeof iomPathways === 'string' || iomPathways === null ? iomPathways : JSON.stringify(iomPathways),
    iom_expiry_month: tracked.iomExpiryMonth,
    iom_expiry_reason: tracked.iomExpiryReason,
    last_engaged_on: tracked.lastEngagedOn,
    non_engagement_since: tracked.nonEngagementSince,
    unlocated_since: tracked.unlocatedSince,
    alliance_residence: latest?.residence ?? null,
    alliance_outcome: latest?.outcome ?? null,
    ...followUp(latest, tracked.currentStatus),
    last_position: Number(lastPosition),
    memo: memoOf(tracked),
  };
}
