import type { RecordedEvent } from '../port/event-envelope';
import type { Subscription } from '../port/event-store';
import type { EventPredicate } from '../shared/subscription-filter';
import type { AppendNotifier } from './append-notifier';
import { RowDecoder, type EventRow } from './event-rows';
import { nextTurn } from './next-turn';

export interface SubscriptionSettings {
  /** Events read per query; also the most a subscription ever holds ahead of its consumer. */
  readonly pageSize: number;
  /** Re-check interval while idle, for appends made by another process on the same file. */
  readonly pollIntervalMs: number;
}

export interface SubscriptionSource {
  /** Up to `limit` rows with position > `after`, in position order. */
  readPage(after: bigint, limit: number): EventRow[];
  readonly notifier: AppendNotifier;
}

/**
 * Catch-up then live, pull-based: a page is read only when the consumer has taken every event
 * of the previous one. Positions are assigned in commit order under the write lock, so reading
 * `position > checkpoint` can neither skip an event nor return one twice.
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly source: SubscriptionSource,
    fromPosition: bigint,
    private readonly matches: EventPredicate | undefined,
    private readonly settings: SubscriptionSettings,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {
    this.events = this.deliver(fromPosition);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }

  private async *deliver(fromPosition: bigint): AsyncGenerator<RecordedEvent, void, undefined> {
    let checkpoint = fromPosition;
    try {
      while (!this.closed) {
        // A filter may skip whole pages without yielding an event: hand the thread back per page.
        await nextTurn();
        if (this.closed) return;
        const rows = this.source.readPage(checkpoint, this.settings.pageSize);
        const last = rows[rows.length - 1];
        if (last === undefined) {
          await this.appendOrPoll();
          continue;
        }
        checkpoint = last[0];
        const decoder = new RowDecoder();
        for (const row of rows) {
          if (this.matches !== undefined && !this.matches(row[1], row[4])) continue;
          // Parse lazily, one event per pull, so a closed or slow consumer costs no parsing.
          yield decoder.decode(row);
          if (this.closed) return;
        }
      }
    } finally {
      // Also reached when the consumer leaves its `for await` early: release the subscription.
      await this.close();
    }
  }

  /** Resolves on the next in-process append, after the poll interval, or on close. */
  private appendOrPoll(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        stopListening();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      // An idle subscription must not keep the process alive on its own.
      timer.unref();
      const stopListening = this.source.notifier.onNextAppend(done);
      this.wake = done;
    });
  }
}
