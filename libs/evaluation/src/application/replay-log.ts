import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { countEventsThrough } from '../../../event-store/src/port/event-count';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { readHeadEvent } from '../../../event-store/src/port/head-event';

/** Something a replay feeds: the event types it wants and what it does with each. */
export interface ReplayConsumer {
  readonly eventTypes: readonly string[];
  apply(event: RecordedEvent): void;
}

export interface ReplayOptions {
  /** Stops the replay at the next progress point (AbortError). */
  readonly signal?: AbortSignal;
  /**
   * Called every PROGRESS_EVERY delivered events and at the end: events delivered so far (the
   * filter skips the others unseen, so this runs behind until the end), and the events in the log.
   */
  readonly onPage?: (done: number, total: number) => void | Promise<void>;
}

const PROGRESS_EVERY = 1_000;

/**
 * One pass over the log in global order, up to the head as it was when the replay began (a
 * report is a picture of one moment, and a busy log cannot keep it running for ever).
 *
 * Fast because it reads through a type-filtered subscription: the store checks each event's type
 * before parsing its JSON (the embedded store on the raw row, EventStoreDB on the server), so the
 * events no report wants cost no parsing, and every report asked for is fed from the same pass
 * through one map lookup per event. A filtered subscription would wait at the end of the log for
 * events that may never come, so the type of the event at the head is added to the filter: the
 * head is then always delivered, and the replay knows it has seen everything.
 *
 * Returns the number of events in the log up to that head, counted: positions are not event
 * numbers on EventStoreDB (byte offsets), so nothing here steps back from or subtracts them.
 */
export async function replayLog(
  store: EventStore,
  consumers: readonly ReplayConsumer[],
  options: ReplayOptions = {},
): Promise<number> {
  const byType = new Map<string, ReplayConsumer[]>();
  for (const consumer of consumers) {
    for (const type of consumer.eventTypes) byType.set(type, [...(byType.get(type) ?? []), consumer]);
  }
  const last = await readHeadEvent(store);
  if (last === undefined) {
    await options.onPage?.(0, 0);
    return 0;
  }
  const head = last.position;
  const total = await countEventsThrough(store, head);
  options.signal?.throwIfAborted();
  const types = new Set(byType.keys());
  types.add(last.type);
  const subscription = store.subscribeAll({ filter: { eventTypes: [...types] } });
  let delivered = 0;
  try {
    for await (const event of subscription) {
      if (event.position > head) break;
      const wanted = byType.get(event.type);
      if (wanted !== undefined) for (const consumer of wanted) consumer.apply(event);
      if (event.position >= head) break;
      if (++delivered % PROGRESS_EVERY === 0) {
        options.signal?.throwIfAborted();
        await options.onPage?.(Math.min(delivered, total), total);
      }
    }
  } finally {
    await subscription.close();
  }
  await options.onPage?.(total, total);
  return total;
}
