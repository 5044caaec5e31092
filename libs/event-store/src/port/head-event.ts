import type { RecordedEvent } from './event-envelope';
import type { EventStore } from './event-store';

/** Events read per call where a store cannot find its head event for itself. */
const PAGE = 1_000;

/**
 * The newest event (see `EventStore.headEvent`). A store that does not say (a test double
 * delegating to a real one) is read to its end, from position to returned position only.
 */
export async function readHeadEvent(store: EventStore): Promise<RecordedEvent | undefined> {
  if (store.headEvent !== undefined) return store.headEvent();
  let last: RecordedEvent | undefined;
  for (;;) {
    const page = await store.readAll({
      maxCount: PAGE,
      ...(last === undefined ? {} : { fromPosition: last.position }),
    });
    if (page.length === 0) return last;
    last = page.at(-1);
    if (page.length < PAGE) return last;
  }
}
