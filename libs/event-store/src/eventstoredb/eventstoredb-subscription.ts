import { START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../port/event-envelope';
import type { SubscribeAllOptions, Subscription } from '../port/event-store';
import { compileFilter, type EventPredicate } from '../shared/subscription-filter';
import { isPermanent, translateClientError } from './client-errors';
import { toRecordedEvent, type NotOursHandler } from './recorded-events';
import { serverFilter } from './server-filter';

export interface ResubscribeSettings {
  /** Events the client may hold ahead of the consumer (the Readable's high-water mark). */
  readonly bufferSize: number;
  /** First wait after a drop; doubled on every further failure up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Told about every drop before the wait. Default (in the adapter): a process warning, `warnOfDrop`. */
  readonly onDrop?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * A drop is retried, but said: a subscription failing the same way again and again (a position
 * the server refuses, a server too old to report commit positions) would otherwise leave views
 * silently behind the log while /ready showed them catching up.
 */
export function warnOfDrop(error: unknown, attempt: number, delayMs: number): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.emitWarning(
    `EventStoreDB subscription dropped (${reason}); resubscribing in ${delayMs} ms (consecutive failure ${attempt})`,
    { code: 'EVENTSTORE_SUBSCRIPTION_DROPPED' },
  );
}

/**
 * A catch-up subscription to $all that survives dropped connections: after a drop it subscribes
 * again from the last position it delivered (exclusive), waiting longer after each consecutive
 * failure. Pull-based: the gRPC stream is piped into a Readable with a small high-water mark, so
 * the server is held back while the consumer is busy.
 */
export class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private live: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;
  private readonly matches: EventPredicate | undefined;

  constructor(
    private readonly client: Pick<EventStoreDBClient, 'subscribeToAll'>,
    private readonly options: SubscribeAllOptions,
    private readonly settings: ResubscribeSettings,
    private readonly onClose: (subscription: EventStoreDbSubscription) => void,
    /** Hears about each event skipped as not ours (system, another application's). */
    private readonly notOurs: NotOursHandler = () => undefined,
  ) {
    this.matches = compileFilter(options.filter);
    this.events = this.deliver();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    const live = this.live;
    this.live = undefined;
    this.onClose(this);
    await live?.unsubscribe().catch(() => undefined);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    let checkpoint = this.options.fromPosition;
    let failures = 0;
    try {
      while (!this.closed) {
        const live = this.subscribeFrom(checkpoint);
        this.live = live;
        let drop: unknown = new Error('the server ended the subscription');
        try {
          for await (const resolved of live) {
            const event = toRecordedEvent(resolved, this.notOurs);
            // Resuming from a position re-reads the event at it: skip what was already seen.
            if (event === undefined || (checkpoint !== undefined && event.position <= checkpoint)) continue;
            checkpoint = event.position;
            failures = 0;
            if (this.matches !== undefined && !this.matches(event.stream, event.type)) continue;
            yield event;
            if (this.closed) return;
          }
        } catch (error) {
          drop = error;
        } finally {
          if (this.live === live) this.live = undefined;
          await live.unsubscribe().catch(() => undefined);
        }
        if (this.closed) return;
        if (isPermanent(drop)) throw translateClientError(drop, 'subscription');
        failures++;
        const delay = Math.min(this.settings.initialDelayMs * 2 ** (failures - 1), this.settings.maxDelayMs);
        this.settings.onDrop?.(drop, failures, delay);
        await this.pause(delay);
      }
    } finally {
      await this.close();
    }
  }

  private subscribeFrom(checkpoint: bigint | undefined): AllStreamSubscription {
    // Positions are inclusive on the server; -1n (before the first event) is the start.
    const fromPosition =
      checkpoint === undefined || checkpoint < 0n ? START : { commit: checkpoint, prepare: checkpoint };
    return this.client.subscribeToAll(
      { fromPosition, filter: serverFilter(this.options.filter) },
      { highWaterMark: this.settings.bufferSize },
    );
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
