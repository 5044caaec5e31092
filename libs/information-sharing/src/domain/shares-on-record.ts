/**
 * The shares recorded under an agreement, as the agreement's own stream knows them. A share first
 * notes itself there (`dsa-disclosure-recorded`), at the revision of the agreement it was judged
 * on, and only then is written to its own stream. A removal, renewal or expiry is judged on the
 * same stream, so the two cannot pass each other: whichever appends second finds the stream moved,
 * reads it again and is judged again, in any process and on either event store. A note whose share
 * was never written (a crash between the two appends) only makes later changes more careful.
 */
import { agencyKey, momentOf } from './moments';

/** A share recorded under the agreement: enough to tell whether a change would leave it outside. */
export interface RecordedDisclosure {
  readonly disclosureId: string;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly occurredAt: string;
  /** When the system recorded it: a share may be dated a little ahead, within the clock skew. */
  readonly recordedAt: string;
}

/**
 * When a recorded disclosure counts as made for the agreement's terms: its `occurredAt`, unless
 * that is ahead of when it was recorded (a device clock within the allowed skew). A share dated
 * a few minutes ahead is made when recorded; else it would hold up an expiry or removal recorded
 * now, to protect a disclosure the register itself calls not yet made.
 */
export const madeAt = (d: Pick<RecordedDisclosure, 'occurredAt' | 'recordedAt'>): string =>
  momentOf(d.recordedAt) < momentOf(d.occurredAt) ? d.recordedAt : d.occurredAt;

/** What the stream's note of a share keeps (`madeAt` as above; `occurredAt` to name it in a refusal). */
export interface NotedShare {
  readonly disclosureId: string;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly occurredAt: string;
  readonly madeAt: string;
}

export const notedShareOf = (d: RecordedDisclosure): NotedShare => ({
  disclosureId: d.disclosureId,
  fromAgency: d.fromAgency,
  toAgency: d.toAgency,
  occurredAt: d.occurredAt,
  madeAt: madeAt(d),
});

const asRecorded = (n: NotedShare): RecordedDisclosure => ({
  disclosureId: n.disclosureId,
  fromAgency: n.fromAgency,
  toAgency: n.toAgency,
  occurredAt: n.occurredAt,
  recordedAt: n.madeAt,
});

/**
 * Only the latest share overall and the latest from or to each agency: a change only ever moves
 * an end, so one that leaves the latest covered leaves every earlier one covered too. Kept small,
 * as the agreement is loaded for every share.
 */
export interface SharesOnRecord {
  readonly latest: RecordedDisclosure | null;
  /** By `agencyKey`. */
  readonly byAgency: Readonly<Record<string, RecordedDisclosure>>;
}

/** The later of two shares by when each counts as made; `a` on a tie. */
export function laterShare(a: RecordedDisclosure | null, b: RecordedDisclosure | null): RecordedDisclosure | null {
  if (a === null) return b;
  if (b === null) return a;
  return momentOf(madeAt(b)) > momentOf(madeAt(a)) ? b : a;
}

export function withNotedShare(on: SharesOnRecord | undefined, noted: NotedShare): SharesOnRecord {
  const share = asRecorded(noted);
  const byAgency = { ...(on?.byAgency ?? {}) };
  for (const key of new Set([agencyKey(share.fromAgency), agencyKey(share.toAgency)]))
    byAgency[key] = laterShare(byAgency[key] ?? null, share) as RecordedDisclosure;
  return { latest: laterShare(on?.latest ?? null, share), byAgency };
}

/** The latest share on record, from or to `agency` when given. */
export function latestOnRecord(on: SharesOnRecord | undefined, agency?: string): RecordedDisclosure | null {
  if (on === undefined) return null;
  return agency === undefined ? on.latest : (on.byAgency[agencyKey(agency)] ?? null);
}
