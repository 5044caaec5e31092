import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { EventStore } from '../../event-store/src/port/event-store';
import { yieldToEventLoop } from './runtime-timing';

/**
 * How the runtime reads the global log through the port: large pages with `readAll` while there
 * is a backlog (one query and one transaction per page, not per event), and a subscription only
 * as a doorbell while idle, so new appends wake the runtime at once. A doorbell can fail silently,
 * so callers also pass a timeout and read the log again when it passes.
 */
export class LogFollower {
  constructor(private readonly store: EventStore) {}

  /**
   * Up to `batchSize` events after `after` (-1n: from the start), read in pages of `pageSize`.
   * Commits want large batches (fewer page writes per event) while `readAll` is fastest with
   * moderate pages, so the two sizes are separate. `atHead` is true when a page came back
   * short: the log had nothing more at that moment.
   */
  async readBatch(
    after: bigint,
    batchSize: number,
    pageSize: number,
  ): Promise<{ readonly events: RecordedEvent[]; readonly atHead: boolean }> {
    const events: RecordedEvent[] = [];
    let from = after;
    while (events.length < batchSize) {
      const wanted = Math.min(pageSize, batchSize - events.length);
      const page = await this.store.readAll({ fromPosition: from, maxCount: wanted });
      for (const event of page) events.push(event);
      const last = page[page.length - 1];
      if (last === undefined || page.length < wanted) return { events, atHead: true };
      from = last.position;
      // Let requests in between pages of a long batch.
      if (events.length < batchSize) await yieldToEventLoop();
    }
    return { events, atHead: false };
  }

  /**
   * Resolves when the log holds an event after `position`, when `signal` aborts, or after
   * `timeoutMs` (to retry failed projections, or to read the log again in case the subscription
   * stalled). The delivered event is not used: the caller reads it again with `readBatch`, so
   * waking up can never skip or reorder anything.
   */
  async waitForEventsAfter(position: bigint, signal: AbortSignal, timeoutMs: number | undefined): Promise<void> {
    if (signal.aborted) return;
    const subscription = this.store.subscribeAll({ fromPosition: position });
    const stop = (): void => void subscription.close();
    const timer = timeoutMs === undefined ? undefined : setTimeout(stop, Math.max(0, timeoutMs));
    signal.addEventListener('abort', stop, { once: true });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      // Resolves with the first new event, or done once the subscription is closed.
      await iterator.next();
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      await subscription.close();
      await iterator.return?.();
    }
  }
}
