import type {
  CasePhase,
  EngagementLevel,
  FollowUpFrom,
  InterventionStatus,
  IomCohortExpiryReason,
  IomDecision,
  IomDecisionCategory,
  RagRating,
} from '../domain';

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
  /**
   * The case's own latest discussion (`panel-discussed`). The tracker also counts meetings recorded
   * held that named it, which the row cannot hold (see `lastDiscussedOf`).
   */
  readonly last_discussed: string | null;
  readonly referred_at: string;
  /**
   * The referral instant in UTC (`referralOrder`): text order is time order, so the tracker's
   * referral order is an index's order. Referrals recorded before intake kept UTC may carry an offset.
   */
  readonly referred_order: string;
  /** MARAC: whether the referral itself was judged a repeat (1/0); see cohort-marac-repeat.ts for repeats the history as known now shows. */
  readonly marac_repeat: number | null;
  /** MARAC: the repeat window the referral was judged with (`thresholdsApplied.repeatWindowMonths`). */
  readonly marac_repeat_window: number | null;
  /** MARAC: when the referral's incident happened (`incident.occurredAt`): the repeat window is judged on it. */
  readonly marac_incident_at: string | null;
  readonly dash_score: number | null;
  /** MARAC: the most current IDVA intervention's status (see cohort-idva.ts); null when none is recorded. */
  readonly marac_idva: InterventionStatus | null;
  readonly iom_eligible: number | null;
  readonly iom_decision: IomDecision | null;
  readonly iom_reason: string | null;
  /** IOM: a rejection's or discretionary adoption's category; `not-categorised` before categories; null otherwise. */
  readonly iom_reason_category: IomDecisionCategory | null;
  readonly iom_pathways: string | null;
  /** IOM: the cohort-expiry flag while it stands. */
  readonly iom_expiry_month: string | null;
  readonly iom_expiry_reason: IomCohortExpiryReason | null;
  /** UK date of the latest record of an engaging level; kept for the next record of no engagement. */
  readonly last_engaged_on: string | null;
  /** UK date the current non-engagement runs from (cohort-non-engagement.ts); null while engaging. */
  readonly non_engagement_since: string | null;
  /** IOM: UK date the nominal has been unlocated since (cohort-unlocated.ts); null while located. */
  readonly unlocated_since: string | null;
  /** Alliance: the latest engagement's residence in force, as typed (corrections hold from their `occurredAt`). */
  readonly alliance_residence: string | null;
  readonly alliance_outcome: string | null;
  readonly follow_up_due: string | null;
  /** Alliance: `release` once the release is recorded, else `engagement`; null when no follow-up is owed. */
  readonly follow_up_from: FollowUpFrom | null;
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
  'referred_order',
  'marac_repeat',
  'marac_repeat_window',
  'marac_incident_at',
  'dash_score',
  'marac_idva',
  'iom_eligible',
  'iom_decision',
  'iom_reason',
  'iom_reason_category',
  'iom_pathways',
  'iom_expiry_month',
  'iom_expiry_reason',
  'last_engaged_on',
  'non_engagement_since',
  'unlocated_since',
  'alliance_residence',
  'alliance_outcome',
  'follow_up_due',
  'follow_up_from',
  'last_position',
  'memo',
] as const satisfies readonly (keyof CaseRow)[];

/**
 * The columns a case's next batch goes on from, in the order they are selected in: the stored
 * state. The others are derived from it on every save and never read back.
 */
export const STORED_COLUMNS = [
  'panel',
  'person_id',
  'referred_at',
  'phase',
  'current_status',
  'rag',
  'engagement_level',
  'marac_repeat',
  'marac_repeat_window',
  'marac_incident_at',
  'dash_score',
  'iom_eligible',
  'iom_decision',
  'iom_pathways',
  'iom_reason',
  'iom_reason_category',
  'iom_expiry_month',
  'iom_expiry_reason',
  'last_engaged_on',
  'non_engagement_since',
  'unlocated_since',
  'memo',
] as const satisfies readonly (keyof CaseRow)[];

/** A case's stored columns as one positional row (selected raw: an array is much cheaper than an object). */
export type StoredCase = ValuesOf<typeof STORED_COLUMNS>;
type ValuesOf<Columns extends readonly (keyof CaseRow)[]> = {
  -readonly [I in keyof Columns]: CaseRow[Columns[I] & keyof CaseRow];
};

export const storedCase = (row: CaseRow): StoredCase =>
  STORED_COLUMNS.map((column) => row[column]) as unknown as StoredCase;
