import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { EventStore } from '../../event-store/src/port/event-store';

/**
 * How the runtime reads the global log through the port: large pages with `readAll` while there
 * is a backlog (one query and one transaction per page, not per event), and a subscription only
 * as a doorbell while idle, so new appends wake the runtime without polling.
 */
export class LogFollower {
  constructor(private readonly store: EventStore) {}

  /** Up to `maxCount` events with position > `after` (-1n: from the start). */
  readPage(after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    return this.store.readAll({ fromPosition: after, maxCount });
  }

  /**
   * Resolves when the log holds an event after `position`, when `signal` aborts, or after
   * `timeoutMs` (to retry failed projections). The delivered event is not used: the caller
   * reads it again with `readPage`, so waking up can never skip or reorder anything.
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
