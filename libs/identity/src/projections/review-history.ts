/**
 * A decision on a review as the person index keeps it: the current one in the `proposals` row, and
 * each taken back by a reopening in the row's `earlier` list (log order), so that reopening a review
 * never hides from an auditor what was decided before and whether it took effect.
 */
export interface DecisionColumns {
  readonly status: string;
  readonly standing: number;
  readonly merged: number | null;
  readonly conflict: string | null;
  readonly conflict_with: string | null;
  /** `{ id, name, agency }` as JSON. */
  readonly decided_by: string | null;
  readonly reason: string | null;
  readonly decided_at: string | null;
  readonly recorded_at: string | null;
  /** The restoring split that undid the merge a confirmation made, as `UndoingSplit` JSON. */
  readonly undone_by: string | null;
}

/** A restoring split, as the review whose merge it undid keeps it. */
export interface UndoingSplit {
  /** The split's log position (person-split events carry no id of their own). */
  readonly position: number;
  /** The person split, who kept the other's records until then. */
  readonly personId: string;
  readonly by: { readonly id: string; readonly name: string; readonly agency: string };
  readonly reason: string;
  readonly at: string;
  readonly recordedAt: string;
}

/** A decision taken back, with the reopening that took it back. */
export interface EarlierDecisionEntry extends DecisionColumns {
  readonly reopened_by: string;
  readonly reopen_reason: string;
  readonly reopened_at: string;
  readonly reopen_recorded_at: string;
}

/**
 * False for a confirmation that merged nobody, or a rejection recorded about one person (merge-rule.ts).
 * A confirmation whose merge a split undid later still took effect when it was recorded.
 */
export function tookEffect(row: Pick<DecisionColumns, 'status' | 'merged' | 'standing'>): boolean {
  if (row.status === 'confirmed') return row.merged === 1;
  if (row.status === 'rejected') return row.standing === 1;
  return true;
}
