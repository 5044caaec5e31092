import type { RestoreBegun, RestoreWithdrawn } from './identity-events';

/**
 * A restore is recorded on the split-off person's stream, but it gives records back to other people
 * (`returnedTo`), whom a referral may link a record to at the same moment. No store appends to two
 * streams at once, so it is recorded in two steps: `restore-begun` on the stream of each person it
 * gives back to, then the restore on the split-off person's. Each step expects the revision its
 * facts were read at, and so does a referral's link: whichever is recorded second is refused.
 */
export type BeginRestoreData = RestoreBegun['data'] & {
  /** The revision of this person's stream the person index had folded when the restore was decided. */
  readonly factsAtRevision: number;
};

export interface WithdrawRestoreData {
  readonly personId: string;
  /** The revision the restore begun expects this stream at: withdrawn only while it still is. */
  readonly splitOffRevision: number;
  readonly cause: RestoreWithdrawn['data']['cause'];
  readonly occurredAt: string;
}

export function restoreBegun({ factsAtRevision: _read, ...data }: BeginRestoreData): RestoreBegun[] {
  return [{ type: 'restore-begun', data }];
}

/** Nothing to withdraw once anything was recorded after the revision the restore expects: it can no longer be. */
export function restoreWithdrawn(data: WithdrawRestoreData, revision: number): RestoreWithdrawn[] {
  if (revision !== data.splitOffRevision) return [];
  const { personId, cause, occurredAt } = data;
  return [{ type: 'restore-withdrawn', data: { personId, cause, occurredAt } }];
}
