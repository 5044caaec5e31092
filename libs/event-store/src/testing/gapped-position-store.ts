import type { RecordedEvent } from '../port/event-envelope';
import { readHeadEvent } from '../port/head-event';
import { countByReading } from '../port/event-count';
import type { EventCount, EventStore, ReadAllOptions, SubscribeAllOptions, Subscription } from '../port/event-store';

/** Where the first event lands, and how far apart events are: like EventStoreDB's byte offsets. */
const FIRST = 128n;
const STRIDE = 37n;

/** A position that is not an event's, refused as EventStoreDB refuses it (ReadAllResult.InvalidPosition). */
export class InvalidPositionError extends Error {
  constructor(readonly position: bigint) {
    super(`InvalidPosition: ${position.toString()} is not an event position`);
  }
}

const toGapped = (position: bigint): bigint => (position < 0n ? position : FIRST + position * STRIDE);

function fromGapped(position: bigint | undefined): bigint | undefined {
  if (position === undefined || position < 0n) return position;
  if (position < FIRST || (position - FIRST) % STRIDE !== 0n) throw new InvalidPositionError(position);
  return (position - FIRST) / STRIDE;
}

const gapped = (event: RecordedEvent): RecordedEvent => ({ ...event, position: toGapped(event.position) });

/**
 * Wraps a store (the embedded one) so that its positions behave like EventStoreDB's: not event
 * numbers, with gaps between events, and a read of $all from a position that is no event's
 * refused. Run a caller against it to catch position arithmetic (`head - 1n`, `head + 1n` as a
 * count) that the gap-free embedded store hides.
 */
export class GappedPositionStore implements EventStore {
  constructor(readonly inner: EventStore) {}

  append: EventStore['append'] = async (stream, events, options) => {
    const result = await this.inner.append(stream, events, options);
    return { ...result, position: toGapped(result.position) };
  };

  readStream: EventStore['readStream'] = async (stream, options) =>
    (await this.inner.readStream(stream, options)).map(gapped);

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = fromGapped(options.fromPosition);
    return (await this.inner.readAll({ ...options, ...(from === undefined ? {} : { fromPosition: from }) })).map(
      gapped,
    );
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const from = fromGapped(options.fromPosition);
    const inner = this.inner.subscribeAll({ ...options, ...(from === undefined ? {} : { fromPosition: from }) });
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield gapped(event);
      },
    };
  }

  async headPosition(): Promise<bigint> {
    return toGapped(await this.inner.headPosition());
  }

  /** Counted by reading, as on EventStoreDB, from a position checked as the server checks it. */
  async countAfter(after: bigint, cap: number): Promise<EventCount> {
    fromGapped(after);
    return countByReading((options) => this.readAll(options), after, cap);
  }

  async logIdentity(): Promise<string | undefined> {
    return this.inner.logIdentity?.();
  }

  async headEvent(): Promise<RecordedEvent | undefined> {
    const event = await readHeadEvent(this.inner);
    return event === undefined ? undefined : gapped(event);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
