import type { RecordedEvent } from './event-envelope';
import type { EventCount, EventStore, ReadAllOptions } from './event-store';

/** Events read per call where a store cannot count for itself. */
const PAGE = 1_000;

/**
 * The number of events after `after`, at most `cap` (see `EventStore.countAfter`). A store that
 * does not count for itself (a test double delegating to a real one) is counted by reading.
 */
export async function countEventsAfter(store: EventStore, after: bigint, cap: number): Promise<EventCount> {
  checkCap(cap);
  if (store.countAfter !== undefined) return store.countAfter(after, cap);
  return countByReading((options) => store.readAll(options), after, cap);
}

/** Counts the events `read` returns after `after`, at most `cap`, a page at a time: no arithmetic on positions. */
export async function countByReading(
  read: (options: ReadAllOptions) => Promise<readonly RecordedEvent[]>,
  after: bigint,
  cap: number,
): Promise<EventCount> {
  checkCap(cap);
  let counted = 0;
  let from = after;
  for (;;) {
    const wanted = Math.min(PAGE, cap + 1 - counted);
    const page = await read({ fromPosition: from, maxCount: wanted });
    counted += page.length;
    const last = page.at(-1);
    if (counted > cap) return { count: cap, capped: true };
    if (last === undefined || page.length < wanted) return { count: counted, capped: false };
    from = last.position;
  }
}

/**
 * The events at or before `head` (a position the store returned): all of them, less those appended
 * after it. A count, not `head + 1n`, which is an event count on the embedded store only.
 */
export async function countEventsThrough(store: EventStore, head: bigint): Promise<number> {
  if (head < 0n) return 0;
  const all = await countEventsAfter(store, -1n, Number.MAX_SAFE_INTEGER);
  const after = await countEventsAfter(store, head, Number.MAX_SAFE_INTEGER);
  return all.count - after.count;
}

/** The cap arrives from configuration and callers' code: a count needs a whole, non-negative one. */
export function checkCap(cap: number): number {
  if (!Number.isSafeInteger(cap) || cap < 0) throw new RangeError(`cap must be a non-negative integer, got ${cap}`);
  return cap;
}

/** The count of `total` events seen against `cap`. */
export function cappedCount(total: bigint | number, cap: number): EventCount {
  return total > cap ? { count: cap, capped: true } : { count: Number(total), capped: false };
}
