import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../port/event-envelope';
import type { EventStore, ReadAllOptions, SubscribeAllOptions, Subscription } from '../port/event-store';

/**
 * Wraps a store (the embedded one) so that event-id deduplication is best effort, as on
 * EventStoreDB: an append expecting `any` or `stream-exists` whose ids are already in the stream
 * writes them a second time instead of being recognised as a retry (the server recognises them
 * only while its in-memory id cache holds them). Reads show the duplicates under the ids they were
 * appended with. Run a caller against it to find idempotency that leans on the embedded store's
 * UNIQUE(id).
 */
export class BestEffortIdStore implements EventStore {
  /** Id stored in the inner store → id the caller appended. */
  private readonly aliases = new Map<string, string>();

  constructor(readonly inner: EventStore) {}

  append: EventStore['append'] = async (stream, events, options) => {
    if (options.expected !== 'any' && options.expected !== 'stream-exists') {
      return this.inner.append(stream, events, options);
    }
    const stored = new Set((await this.readStream(stream)).map((event) => event.id));
    const written = events.map((event) => {
      if (!stored.has(event.id)) return event;
      const alias = randomUUID();
      this.aliases.set(alias, event.id);
      return { ...event, id: alias };
    });
    return this.inner.append(stream, written, options);
  };

  readStream: EventStore['readStream'] = async (stream, options) =>
    (await this.inner.readStream(stream, options)).map(this.asAppended);

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map(this.asAppended);
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const inner = this.inner.subscribeAll(options);
    const asAppended = this.asAppended;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield asAppended(event);
      },
    };
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private readonly asAppended = (event: RecordedEvent): RecordedEvent => {
    const id = this.aliases.get(event.id);
    return id === undefined ? event : { ...event, id };
  };
}
