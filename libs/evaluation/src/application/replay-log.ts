import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';

/** Something a replay feeds: the event types it wants and what it does with each. */
export interface ReplayConsumer {
  readonly eventTypes: readonly string[];
  apply(event: RecordedEvent): void;
}

export interface ReplayOptions {
  /** Stops the replay at the next page boundary (AbortError). */
  readonly signal?: AbortSignal;
  /** Called after each page with events read so far and the log's size when the replay began. */
  readonly onPage?: (done: number, total: number) => void | Promise<void>;
}

/** The store's advice: pages of about 1,000 keep garbage collection, not reading, from dominating. */
const PAGE = 1_000;

/**
 * One pass over the whole log in global order, up to the head as it was when the replay began
 * (a report is a consistent picture of one moment, and a busy log cannot keep it running for
 * ever). Each event is handed only to the consumers that asked for its type, through one map
 * lookup, so running every report together costs one read of the log.
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
  const head = await store.headPosition();
  const total = Number(head + 1n);
  let from: bigint | undefined;
  let done = 0;
  while (head >= 0n) {
    options.signal?.throwIfAborted();
    const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: PAGE });
    for (const event of page) {
      if (event.position > head) return done;
      done += 1;
      const wanted = byType.get(event.type);
      if (wanted !== undefined) for (const consumer of wanted) consumer.apply(event);
    }
    await options.onPage?.(done, total);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE || last.position >= head) break;
    from = last.position;
  }
  return done;
}
