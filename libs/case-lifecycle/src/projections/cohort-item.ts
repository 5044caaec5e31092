import { shownName } from './cohort-people';
import { ukDateAt } from '../domain/calendar';
import type { CaseRecord, MaracRepeatSource } from '../domain';
import { enforcementDue } from './cohort-enforcement';

const maracRepeatSource = (fromReported: boolean): MaracRepeatSource => (fromReported ? 'reported' : 'history');

/** The IOM eligibility column in the words of the `eligibility` filter; null: no scores evaluated yet. */
const eligibilityShown = (column: number | null): 'eligible' | 'not-eligible' | 'not-assessed' =>
  column === null ? 'not-assessed' : column === 1 ? 'eligible' : 'not-eligible';

export interface CohortRow {
  case_id: string;
  panel: string;
  person_id: string;
  display_name: string | null;
  /** The tracker's own searchable name, for when the person index cannot say (`ReferralNames`). */
  search_name?: string | null;
  phase: string;
  current_status: string | null;
  rag: string | null;
  engagement_level: string | null;
  open_actions: number;
  earliest_action_due: string | null;
  next_meeting: string | null;
  last_discussed: string | null;
  referred_at: string;
  /** The referral instant in UTC: with `case_id`, the tracker's order and a page's cursor. */
  referred_order: string;
  marac_repeat: number | null;
  marac_repeat_window: number | null;
  marac_incident_at: string | null;
  dash_score: number | null;
  marac_idva: string | null;
  iom_eligible: number | null;
  iom_decision: string | null;
  iom_reason: string | null;
  iom_reason_category: string | null;
  iom_pathways: string | null;
  iom_expiry_month: string | null;
  iom_expiry_reason: string | null;
  non_engagement_since: string | null;
  unlocated_since: string | null;
  alliance_residence: string | null;
  alliance_outcome: string | null;
  follow_up_due: string | null;
  follow_up_from: string | null;
  /** The log position of the case's latest event: which of two rejections came later. */
  last_position: number;
  /** What the row keeps beside its columns (see cohort-memo.ts): the listings, among others. */
  memo: string;
  /** IOM: the person's other referrals awaiting a decision, in referral order (see cohort-also-pending.ts). */
  also_pending?: readonly string[];
}

/**
 * One tracker line: the common columns, then the panel's own. MARAC (`repeatsAsKnownNow`):
 * `repeatRecognisedLater`, a repeat as the history is known now that the referral did not flag;
 * `repeatNoLongerHeld`, a flagged one that is not a repeat on the history as known now (a split has
 * moved its earlier referral to someone else, or its incident came before that referral);
 * `repeatFromReported`, a repeat shown whose last referral is the form's previous MARAC date.
 */
export function cohortItem(
  row: CohortRow,
  kind: CaseRecord['panel']['kind'],
  now: Date,
  repeatRecognisedLater = false,
  repeatNoLongerHeld = false,
  repeatFromReported = false,
) {
  const today = ukDateAt(now);
  const common = {
    caseId: row.case_id,
    personId: row.person_id,
    displayName: shownName(row.display_name),
    status: row.phase,
    currentStatus: row.current_status,
    rag: row.rag,
    openActions: row.open_actions,
    overdueAction: row.earliest_action_due !== null && row.earliest_action_due < today,
    nextMeeting: row.next_meeting,
    lastDiscussed: row.last_discussed,
  };
  switch (kind) {
    case 'marac': {
      const repeat = (row.marac_repeat === 1 && !repeatNoLongerHeld) || repeatRecognisedLater;
      return {
        ...common,
        // idva null: no IDVA support recorded (an intervention naming an IDVA), not "refused".
        marac: {
          repeat,
          repeatRecognisedLater,
          repeatFrom: repeat ? maracRepeatSource(repeatFromReported) : null,
          dashScore: row.dash_score,
          idva: row.marac_idva,
        },
      };
    }
    case 'iom':
      return {
        ...common,
        iom: {
          eligible: row.iom_eligible === null ? null : row.iom_eligible === 1,
          eligibility: eligibilityShown(row.iom_eligible),
          decision: row.iom_decision,
          // The category is what the panel is asked to count; the reason is its own words beside it.
          reasonCategory: row.iom_reason_category,
          reason: row.iom_reason,
          engagementLevel: row.engagement_level,
          pathways: row.iom_pathways === null ? [] : (JSON.parse(row.iom_pathways) as string[]),
          cohortExpiry:
            row.iom_expiry_month === null ? null : { month: row.iom_expiry_month, reason: row.iom_expiry_reason },
          nonEngagementSince: row.non_engagement_since,
          unlocatedSince: row.unlocated_since,
          enforcement: enforcementDue(row, today),
          alsoPending: row.also_pending ?? [],
        },
      };
    case 'alliance':
      return {
        ...common,
        alliance: {
          residence: row.alliance_residence,
          outcome: row.alliance_outcome,
          followUpDue: row.follow_up_due,
          followUpFrom: row.follow_up_from,
          followUpOverdue: row.follow_up_due !== null && Date.parse(row.follow_up_due) < now.getTime(),
        },
      };
    case 'generic':
      return common;
  }
}
