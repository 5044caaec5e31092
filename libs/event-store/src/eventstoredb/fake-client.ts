/** Test doubles for the parts of EventStoreDBClient the adapter streams from, for tests without a server. */
import { Readable } from 'node:stream';
import {
  BACKWARDS,
  FORWARDS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type AppendResult,
  type Direction,
  type EventData,
  type EventStoreDBClient,
  type Position,
  type ReadRevision,
  type ResolvedEvent,
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

interface ReadAllRequest {
  direction?: Direction;
  fromPosition?: Position | 'start' | 'end';
  maxCount?: number | bigint;
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

  readAll(options?: ReadAllRequest): ReturnType<EventStoreDBClient['readAll']> {
    const stream = Readable.from(this.answer(options), { objectMode: true });
    return Object.assign(stream, {
      cancel: async (): Promise<void> => {
        this.cancelled++;
      },
    }) as unknown as ReturnType<EventStoreDBClient['readAll']>;
  }

  /** What a readAll call is answered with, as the log is when it is made (recorded as a call). */
  answer(options?: ReadAllRequest): AllStreamResolvedEvent[] {
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
    return slice;
  }

  readStream(stream: string): ReturnType<EventStoreDBClient['readStream']> {
    const events = this.log.filter((resolved) => resolved.event?.streamId === stream);
    return Object.assign(Readable.from(events, { objectMode: true }), {
      cancel: async (): Promise<void> => undefined,
    }) as unknown as ReturnType<EventStoreDBClient['readStream']>;
  }
}

/** A stream event as readStream hands it over: ours unless overridden. */
export function streamEvent(
  stream: string,
  revision: bigint,
  overrides: { id?: string; type?: string; data?: unknown; metadata?: unknown; position?: bigint } = {},
): ResolvedEvent {
  const position = overrides.position ?? 1_000n + revision * 100n;
  return {
    commitPosition: position,
    event: {
      streamId: stream,
      id: overrides.id ?? `00000000-0000-4000-8000-${revision.toString().padStart(12, '0')}`,
      isJson: true,
      revision,
      type: overrides.type ?? 'referral-made',
      created: new Date(0),
      data: 'data' in overrides ? overrides.data : { revision: revision.toString() },
      metadata: ('metadata' in overrides ? overrides.metadata : LEAN_METADATA) as Record<string, unknown>,
      position: { commit: position, prepare: position },
    },
  } as ResolvedEvent;
}

/** How fast a fake server streams a read: `events` every `everyMs`. */
export interface ReadPace {
  readonly events: number;
  readonly everyMs: number;
}

/**
 * Stands in for EventStoreDBClient's stream calls over streams held in memory, answering as the
 * server does. readStream: fromRevision inclusive in either direction, maxCount honoured,
 * StreamNotFoundError for a stream without events, paced when asked (a long read takes long).
 * appendToStream: the server's commit check (IndexWriter.CheckCommit): at a definite revision a
 * batch already at the revisions it would take is an idempotent success and anything else there a
 * WrongExpectedVersionError; with `any`/`stream_exists` the batch's ids are looked up in the
 * stream: first id absent, write; all present, idempotent success; only the first ones present
 * ("corrupted idempotency"), WrongExpectedVersionError.
 */
export class FakeStreamsClient implements Pick<EventStoreDBClient, 'readStream' | 'appendToStream'> {
  readonly reads: { stream: string; from: ReadRevision; direction: Direction; maxCount: number; leader: boolean }[] =
    [];
  private position = 1_000_000n;

  constructor(
    readonly streams = new Map<string, ResolvedEvent[]>(),
    private readonly pace?: ReadPace,
  ) {}

  readStream(
    stream: string,
    options?: {
      fromRevision?: ReadRevision;
      direction?: Direction;
      maxCount?: number | bigint;
      requiresLeader?: boolean;
    },
  ): ReturnType<EventStoreDBClient['readStream']> {
    const direction = options?.direction ?? FORWARDS;
    const from = options?.fromRevision ?? (direction === BACKWARDS ? 'end' : 'start');
    const maxCount = Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER);
    this.reads.push({ stream, from, direction, maxCount, leader: options?.requiresLeader === true });
    const events = this.streams.get(stream) ?? [];
    const at = typeof from === 'bigint' ? from : undefined;
    const revision = (event: ResolvedEvent): bigint => event.event?.revision ?? -1n;
    const slice = (
      direction === BACKWARDS
        ? events.filter((event) => at === undefined || revision(event) <= at).reverse()
        : events.filter((event) => at === undefined || revision(event) >= at)
    ).slice(0, maxCount);
    const missing = events.length === 0 ? new StreamNotFoundError(undefined, stream) : undefined;
    return Object.assign(this.paced(slice, missing), {
      cancel: async (): Promise<void> => undefined,
    }) as unknown as ReturnType<EventStoreDBClient['readStream']>;
  }

  async appendToStream(
    stream: string,
    proposed: EventData | EventData[],
    options?: { expectedRevision?: AppendExpectedRevision },
  ): Promise<AppendResult> {
    const events = this.streams.get(stream) ?? [];
    const batch = [proposed].flat();
    const expected = options?.expectedRevision ?? 'any';
    const current = events.length === 0 ? -1n : (events[events.length - 1]?.event?.revision ?? -1n);
    const refused = (): WrongExpectedVersionError =>
      new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected,
        current: current < 0n ? 'no_stream' : current,
      });
    const stored = (id: string): ResolvedEvent | undefined => events.find((event) => event.event?.id === id);
    if (expected === 'any' || expected === 'stream_exists') {
      if (expected === 'stream_exists' && current < 0n) throw refused();
      const present = batch.map((event) => stored(event.id));
      if (present[0] !== undefined) {
        if (present.some((event) => event === undefined)) throw refused();
        return this.success(present[present.length - 1] as ResolvedEvent);
      }
    } else {
      const first = expected === 'no_stream' ? 0n : expected + 1n;
      const there = batch.map((_, index) => events.find((event) => event.event?.revision === first + BigInt(index)));
      if (current !== first - 1n) {
        if (there.every((event, index) => event?.event?.id === batch[index]?.id)) {
          return this.success(there[there.length - 1] as ResolvedEvent);
        }
        throw refused();
      }
    }
    for (const event of batch) {
      this.position += 100n;
      events.push(
        streamEvent(stream, BigInt(events.length), {
          id: event.id,
          type: event.type,
          data: JSON.parse(JSON.stringify(event.data)) as unknown,
          metadata: JSON.parse(Buffer.from(event.metadata as Uint8Array).toString('utf8')) as unknown,
          position: this.position,
        }),
      );
    }
    this.streams.set(stream, events);
    return this.success(events[events.length - 1] as ResolvedEvent);
  }

  private success(last: ResolvedEvent): AppendResult {
    const position = last.commitPosition ?? 0n;
    return {
      success: true,
      nextExpectedRevision: last.event?.revision ?? 0n,
      position: { commit: position, prepare: position },
    };
  }

  /** The events as a call streams them: at once, or `pace.events` every `pace.everyMs`. */
  private paced(events: readonly ResolvedEvent[], error: Error | undefined): Readable {
    if (error !== undefined) {
      const failing = new Readable({ objectMode: true, read: () => undefined });
      setImmediate(() => failing.destroy(error));
      return failing;
    }
    const pace = this.pace;
    if (pace === undefined) return Readable.from(events, { objectMode: true });
    let next = 0;
    let timer: NodeJS.Timeout | undefined;
    return new Readable({
      objectMode: true,
      read(this: Readable): void {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          for (const event of events.slice(next, next + pace.events)) this.push(event);
          next += pace.events;
          if (next >= events.length) this.push(null);
        }, pace.everyMs);
      },
      destroy(error, callback): void {
        clearTimeout(timer);
        callback(error);
      },
    });
  }
}
