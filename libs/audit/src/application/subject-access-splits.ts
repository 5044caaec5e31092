import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { HeldNow } from '../projections/audit-trail.query';
import type { TrailItem } from '../projections/trail-items';
import { viewedPerson } from './subject-access-items';
import { type SplitData, strings } from './subject-access-records';

/**
 * A split that gave the person records or cases another person (`from`) held by mistake: from
 * `since` until the split (`until`), `from`'s record held the person's data, so a read of it
 * showed that data. `into` is the id the split gave back or made for them.
 */
export interface SplitOff {
  readonly from: string;
  readonly into: string;
  readonly since: bigint;
  readonly until: bigint;
}

/**
 * The id of theirs a split took off `from`: the one it gave back or made for them, or, on an
 * unmerge, one merged into `from` while the two were one that it sent with the restored person
 * (`mergedWhileOne`), whose merge a later restore may have undone since.
 */
function theirsTakenOff(data: SplitData, into: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(into)) return into;
  if (data.restored !== true || !Array.isArray(data.mergedWhileOne)) return undefined;
  const sent = (data.mergedWhileOne as unknown[]).find((placed): placed is { personId: string } => {
    const { personId, to } = (placed ?? {}) as { personId?: unknown; to?: unknown };
    return typeof personId === 'string' && to === into && ids.has(personId);
  });
  return sent?.personId;
}

/**
 * The splits in the person's trail that moved something to them off someone else, each with the
 * stretch of the log during which the other person's record held it. A restoring split undoes a
 * merge: their data joined the other record at the last confirmation naming them before the split.
 * A split to a new person moves records and cases: the earliest of those joined the record when it
 * was linked (`now.recordsAt`) or referred (`referredAt`, the case's referral).
 */
export function splitsOff(
  items: readonly TrailItem[],
  events: ReadonlyMap<string, RecordedEvent>,
  ids: ReadonlySet<string>,
  now: HeldNow | undefined,
  referredAt: (caseId: string) => bigint | undefined,
): SplitOff[] {
  const found: SplitOff[] = [];
  for (const item of items) {
    if (item.action !== 'person-split') continue;
    const data = (events.get(`${item.stream}@${item.revision}`)?.data ?? {}) as SplitData;
    const { personId: from, intoPersonId: split } = data;
    if (typeof from !== 'string' || typeof split !== 'string' || ids.has(from)) continue;
    const into = theirsTakenOff(data, split, ids);
    if (into === undefined) continue;
    const until = BigInt(item.position);
    let joined: bigint[];
    if (data.restored === true) {
      const merged = items.filter(
        (i) => i.action === 'match-confirmed' && BigInt(i.position) < until && i.personIds.includes(into),
      );
      joined = merged.slice(-1).map((i) => BigInt(i.position));
    } else {
      const records = strings(data.recordIds).map((id) => now?.recordsAt.get(id));
      joined = [
        ...records.map((at) => (at === undefined ? undefined : BigInt(at))),
        ...strings(data.caseIds).map(referredAt),
      ].filter((at): at is bigint => at !== undefined);
    }
    if (joined.length === 0) continue;
    const since = joined.reduce((a, b) => (b < a ? b : a));
    if (since < until) found.push({ from, into, since, until });
  }
  return found;
}

/** Whether a read showed the record itself: a view of it, or a search or queue that listed it without a case. */
export function showedRecord(item: TrailItem, person: string): boolean {
  const viewed = viewedPerson(item);
  if (viewed !== undefined) return viewed === person;
  return item.caseIds.length === 0 && item.personIds.includes(person);
}

/**
 * A read of the other person's record as the split-off person's report shows it: about them (`into`),
 * marked as shown in the merged record; the record viewed is the other person's id, so the route's
 * `personId` goes, like every id not theirs (`asTheirs` does the rest).
 */
export function asShownInMergedRecord(item: TrailItem, split: SplitOff): TrailItem & { shownInMergedRecord: true } {
  const { pathParameters, ...rest } = item;
  const kept = Object.entries(pathParameters ?? {}).filter(
    ([key, value]) => !(key === 'personId' && value === split.from),
  );
  return {
    ...rest,
    ...(kept.length === 0 ? {} : { pathParameters: Object.fromEntries(kept) }),
    personId: split.into,
    personIds: [split.into],
    shownInMergedRecord: true,
  };
}
