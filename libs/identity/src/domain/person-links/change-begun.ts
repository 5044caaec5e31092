import {
  identityStream,
  matchStream,
  type MergeBegun,
  type PersonLinkEvent,
  type RestoreBegun,
  type RestoreWithdrawn,
  type WithdrawalCause,
} from './identity-events';

/**
 * A restore (undoing a split) and a merge (a confirmed review) are each recorded on one stream (the
 * split-off person's; the review's) but change what other people hold (whom a restore gives back
 * to; the two a merge makes one), and a referral may link a record to one of them at the same
 * moment. No store appends to two streams at once, so each is recorded in two steps: `…-begun` on
 * the stream of each person it changes, then the change itself. Each step expects the revision its
 * facts were read at, and so does a referral's link: whichever is recorded second is refused.
 */
type Beginning<Data> = Data & {
  /** The revision of this person's stream the person index had folded when the change was decided. */
  readonly factsAtRevision: number;
};

export type BeginRestoreData = Beginning<RestoreBegun['data']>;
export type BeginMergeData = Beginning<MergeBegun['data']>;

export interface WithdrawRestoreData {
  readonly personId: string;
  /** The revision the restore begun expects this stream at: withdrawn only while it still is. */
  readonly splitOffRevision: number;
  readonly cause: WithdrawalCause;
  readonly occurredAt: string;
}

export function restoreBegun({ factsAtRevision: _read, ...data }: BeginRestoreData): RestoreBegun[] {
  return [{ type: 'restore-begun', data }];
}

export function mergeBegun({ factsAtRevision: _read, ...data }: BeginMergeData): MergeBegun[] {
  return [{ type: 'merge-begun', data }];
}

/** Nothing to withdraw once anything was recorded after the revision the restore expects: it can no longer be. */
export function restoreWithdrawn(data: WithdrawRestoreData, revision: number): RestoreWithdrawn[] {
  if (revision !== data.splitOffRevision) return [];
  const { personId, cause, occurredAt } = data;
  return [{ type: 'restore-withdrawn', data: { personId, cause, occurredAt } }];
}

/**
 * A change begun and still to be recorded: what it is, the stream it is recorded on (and withdrawn
 * on: `restore-withdrawn`, `merge-withdrawn`) and the revision it expects there. Anything recorded
 * there after that revision settles it: the change itself, or whatever made it fail.
 */
export type ChangeToRecord =
  | { readonly kind: 'restore'; readonly splitOffPersonId: string; readonly revision: number }
  | { readonly kind: 'merge'; readonly proposalId: string; readonly revision: number };

/** The change a `restore-begun` or `merge-begun` awaits, for the person whose stream it is on. */
export function changeBegun(event: PersonLinkEvent): ChangeToRecord | undefined {
  if (event.type === 'restore-begun')
    return { kind: 'restore', splitOffPersonId: event.data.splitOffPersonId, revision: event.data.splitOffRevision };
  if (event.type === 'merge-begun')
    return { kind: 'merge', proposalId: event.data.proposalId, revision: event.data.reviewRevision };
  return undefined;
}

export function streamRecording(change: ChangeToRecord): string {
  return change.kind === 'restore' ? identityStream(change.splitOffPersonId) : matchStream(change.proposalId);
}
