/** Test doubles for the parts of EventStoreDBClient the adapter streams from, for tests without a server. */
import { Readable } from 'node:stream';
import {
  BACKWARDS,
  FORWARDS,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Direction,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { LEAN_METADATA } from '../testing/event-fixtures';

/** A resolved $all event as the client hands it over, for tests without a server. */
export function resolvedEvent(
  position: bigint,
  overrides: { stream?: string; type?: string; metadata?: unknown; data?: unknown; isJson?: boolean } = {},
): AllStreamResolvedEvent {
  return {
    commitPosition: position,
    event: {
      streamId: overrides.stream ?? 'case-1',
      id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
      isJson: overrides.isJson ?? true,
      revision: position,
      type: overrides.type ?? 'referral-made',
      created: new Date(0),
      data: 'data' in overrides ? overrides.data : { position: position.toString() },
      metadata: ('metadata' in overrides ? overrides.metadata : LEAN_METADATA) as Record<string, unknown>,
      position: { commit: position, prepare: position },
    },
  } as AllStreamResolvedEvent;
}

/** A scripted server connection: what it delivers, then how it ends (an error, or hanging open). */
export interface ScriptedConnection {
  readonly events: readonly AllStreamResolvedEvent[];
  readonly endWith?: Error;
}

/** Stands in for EventStoreDBClient.subscribeToAll, one scripted connection per call. */
export class FakeSubscribingClient implements Pick<EventStoreDBClient, 'subscribeToAll'> {
  readonly requestedFrom: (Position | 'start' | 'end')[] = [];
  readonly unsubscribed: number[] = [];

  constructor(private readonly connections: readonly ScriptedConnection[]) {}

  subscribeToAll(options?: { fromPosition?: Position | 'start' | 'end' }): AllStreamSubscription {
    const attempt = this.requestedFrom.length;
    this.requestedFrom.push(options?.fromPosition ?? 'start');
    const script = this.connections[attempt] ?? { events: [] };
    const stream = new Readable({ objectMode: true, read: () => undefined });
    for (const event of script.events) stream.push(event);
    if (script.endWith !== undefined) {
      const error = script.endWith;
      setImmediate(() => stream.destroy(error));
    }
    return Object.assign(stream, {
      unsubscribe: async (): Promise<void> => {
        this.unsubscribed.push(attempt);
        stream.push(null);
      },
    }) as unknown as AllStreamSubscription;
  }
}

/**
 * Stands in for EventStoreDBClient.readAll over a log (append to the array to grow it): positions
 * are inclusive both ways, maxCount honoured. readStream reads a stream's events out of the same log.
 */
export class FakeReadingClient implements Pick<EventStoreDBClient, 'readAll' | 'readStream'> {
  readonly calls: { from: Position | 'start' | 'end'; maxCount: number; direction: Direction }[] = [];
  cancelled = 0;
  /** Events handed over by readAll, in either direction: what the server would have sent. */
  delivered = 0;

  constructor(private readonly log: readonly AllStreamResolvedEvent[]) {}

  readAll(options?: {
    direction?: Direction;
    fromPosition?: Position | 'start' | 'end';
    maxCount?: number | bigint;
  }): ReturnType<EventStoreDBClient['readAll']> {
    const from = options?.fromPosition ?? 'start';
    const maxCount = Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER);
    this.calls.push({ from, maxCount, direction: options?.direction ?? FORWARDS });
    const at = typeof from === 'object' ? from.commit : undefined;
    const position = (event: AllStreamResolvedEvent): bigint => event.commitPosition ?? 0n;
    const slice = (
      options?.direction === BACKWARDS
        ? this.log.filter((event) => at === undefined || position(event) <= at).reverse()
        : this.log.filter((event) => at === undefined || position(event) >= at)
    ).slice(0, maxCount);
    this.delivered += slice.length;
    const stream = Readable.from(slice, { objectMode: true });
    return Object.assign(stream, {
      cancel: async (): Promise<void> => {
        this.cancelled++;
      },
    }) as unknown as ReturnType<EventStoreDBClient['readAll']>;
  }

  readStream(stream: string): ReturnType<EventStoreDBClient['readStream']> {
    const events = this.log.filter((resolved) => resolved.event?.streamId === stream);
    return Object.assign(Readable.from(events, { objectMode: true }), {
      cancel: async (): Promise<void> => undefined,
    }) as unknown as ReturnType<EventStoreDBClient['readStream']>;
  }
}
