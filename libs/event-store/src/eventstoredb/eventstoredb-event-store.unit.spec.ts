import { Readable } from 'node:stream';
import {
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  UnknownError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { MAX_APPEND_BYTES } from '../port/append-limits';
import { AppendTooLargeError, EventStoreUnavailableError, InvalidAppendError } from '../port/errors';
import { someEvents } from '../testing/event-fixtures';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeReadingClient, FakeSubscribingClient, resolvedEvent } from './fake-client';

/** No server: the client's calls are replaced, and nothing listens where it would connect. */
const unreachable = 'esdb://127.0.0.1:1?tls=false';

describe('EventStoreDbEventStore against a scripted client', () => {
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    store = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 500 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('reports a server that refuses an append as too large (a lower MaxAppendSize) as AppendTooLargeError, not unavailable', async () => {
    jest
      .spyOn(EventStoreDBClient.prototype, 'appendToStream')
      .mockRejectedValue(MaxAppendSizeExceededError.fromMaxAppendSize(1_024));
    const events = someEvents(3);
    const refusal = store.append('case-1', events, { expected: 'any' });
    await expect(refusal).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(refusal).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(refusal).rejects.not.toBeInstanceOf(EventStoreUnavailableError);
    await expect(refusal).rejects.toMatchObject({ limit: 1_024, stream: 'case-1' });
    await expect(refusal).rejects.toThrow('exceed the limit of 1024 bytes');
  });

  /** gRPC status codes (as @grpc/grpc-js numbers them) a call may end with. */
  const status = { UNKNOWN: 2, RESOURCE_EXHAUSTED: 8, INTERNAL: 13 } as const;

  /** A call's gRPC error as @grpc/grpc-js raises it (a ServiceError). */
  const grpcError = (code: number, details: string): Error & { code: number; details: string } =>
    Object.assign(new Error(`${code}: ${details}`), { code, details });

  /** A call ending with a gRPC status and no EventStoreDB exception: the client wraps it in UnknownError. */
  const endedWith = (code: number, details: string): UnknownError =>
    new UnknownError(grpcError(code, details) as unknown as ConstructorParameters<typeof UnknownError>[0]);

  it.each([
    [
      'INTERNAL (a reset stream)',
      status.INTERNAL,
      'Received RST_STREAM with code 2 triggered by internal client error',
    ],
    ['RESOURCE_EXHAUSTED (the server shedding load)', status.RESOURCE_EXHAUSTED, 'Server is too busy'],
  ])(
    'reports an append ended by %s as EventStoreUnavailableError: the outcome is unknown, retry with the same ids',
    async (_, code, details) => {
      jest.spyOn(EventStoreDBClient.prototype, 'appendToStream').mockRejectedValue(endedWith(code, details));
      const append = store.append('case-1', someEvents(2), { expected: 'no-stream' });
      await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(append).rejects.toThrow(/the outcome is unknown, retry with the same event ids/);
    },
  );

  it('reports a read ended by INTERNAL or RESOURCE_EXHAUSTED, wrapped or raw, as EventStoreUnavailableError', async () => {
    const failing = (error: Error) => (): never => {
      const read = new Readable({ objectMode: true, read: () => undefined });
      setImmediate(() => read.destroy(error));
      return Object.assign(read, { cancel: async () => undefined }) as never;
    };
    const raw = grpcError(status.RESOURCE_EXHAUSTED, 'too busy');
    jest
      .spyOn(EventStoreDBClient.prototype, 'readStream')
      .mockImplementation(failing(endedWith(status.INTERNAL, 'RST_STREAM')));
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation(failing(raw));
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('passes our own programming errors and unknown server failures through unchanged, not as unavailable', async () => {
    const ours = new TypeError("Cannot read properties of undefined (reading 'revision')");
    jest.spyOn(EventStoreDBClient.prototype, 'appendToStream').mockRejectedValueOnce(ours);
    await expect(store.append('case-1', someEvents(1), { expected: 'any' })).rejects.toBe(ours);
    const unknown = endedWith(status.UNKNOWN, 'unexpected');
    jest.spyOn(EventStoreDBClient.prototype, 'appendToStream').mockRejectedValueOnce(unknown);
    await expect(store.append('case-1', someEvents(1), { expected: 'any' })).rejects.toBe(unknown);
  });

  it('refuses an append over the shared limit without calling the server', async () => {
    const append = jest.spyOn(EventStoreDBClient.prototype, 'appendToStream');
    const [event] = someEvents(1);
    const large = { ...event!, data: { note: 'x'.repeat(MAX_APPEND_BYTES) } };
    await expect(store.append('case-1', [large], { expected: 'any' })).rejects.toBeInstanceOf(AppendTooLargeError);
    expect(append).not.toHaveBeenCalled();
  });

  it('counts our events after a commit position, skipping system events, up to the cap', async () => {
    // Commit positions 10, 20, … 100: every third a system event, so positions say nothing of counts.
    const log = Array.from({ length: 10 }, (_, index) => {
      const position = BigInt(index + 1) * 10n;
      return resolvedEvent(position, index % 3 === 2 ? { stream: '$stats-node', type: '$statsCollected' } : {});
    });
    const client = new FakeReadingClient(log);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => client.readAll(options));
    // Ours after 20: 40, 50, 70, 80, 100 (30, 60 and 90 are system events).
    expect(await store.countAfter(20n, 100)).toEqual({ count: 5, capped: false });
    expect(await store.countAfter(20n, 5)).toEqual({ count: 5, capped: false });
    expect(await store.countAfter(20n, 4)).toEqual({ count: 4, capped: true });
    expect(await store.countAfter(100n, 4)).toEqual({ count: 0, capped: false });
    expect(await store.countAfter(-1n, 100)).toEqual({ count: 7, capped: false });
  });

  it('gives up a read the server never answers, as EventStoreUnavailableError, within the deadline', async () => {
    // A black-holed connection: the call is made and nothing ever comes back.
    const hung = (): never =>
      Object.assign(new Readable({ objectMode: true, read: () => undefined }), {
        cancel: async () => undefined,
      }) as never;
    jest.spyOn(EventStoreDBClient.prototype, 'readStream').mockImplementation(hung);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation(hung);
    const started = Date.now();
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.countAfter(-1n, 10)).rejects.toThrow(/no answer within 500 ms/);
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 10_000);

  it('gives up an append the server never answers, as EventStoreUnavailableError, within the deadline', async () => {
    // The client sends appends with no deadline of its own: on a black-holed connection it never settles.
    jest.spyOn(EventStoreDBClient.prototype, 'appendToStream').mockImplementation(() => new Promise(() => undefined));
    const started = Date.now();
    const append = store.append('case-1', someEvents(1), { expected: 'any' });
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(append).rejects.toThrow(/no answer within 500 ms; the outcome is unknown/);
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 10_000);

  it('finds the head behind many system events in bounded calls, and the next time reads only what is new', async () => {
    const ours = (position: bigint): AllStreamResolvedEvent => resolvedEvent(position);
    const system = (position: bigint): AllStreamResolvedEvent =>
      resolvedEvent(position, { stream: '$stats-node', type: '$statsCollected' });
    const log = [ours(10n), ...Array.from({ length: 2_000 }, (_, index) => system(BigInt(index + 2) * 10n))];
    const client = new FakeReadingClient(log);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => client.readAll(options));

    expect(await store.headPosition()).toBe(10n);
    expect(client.calls.every(({ maxCount }) => maxCount <= 1_000)).toBe(true);
    const first = client.calls.length;

    expect(await store.headPosition()).toBe(10n);
    expect(client.calls.length - first).toBe(1);

    log.push(system(30_000n), ours(30_010n), system(30_020n));
    expect(await store.headPosition()).toBe(30_010n);
    expect((await store.headEvent())?.id).toBe(ours(30_010n).event?.id);
  });

  it('answers an empty log, or one with only system events, as -1n', async () => {
    const client = new FakeReadingClient([resolvedEvent(10n, { stream: '$stats-node', type: '$statsCollected' })]);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => client.readAll(options));
    expect(await store.headPosition()).toBe(-1n);
    expect(await store.headEvent()).toBeUndefined();
  });

  it('warns of each dropped subscription with its reason, and keeps resubscribing', async () => {
    const refused = new UnknownError(undefined, 'The read appears to be at an invalid position');
    const client = new FakeSubscribingClient([
      { events: [resolvedEvent(10n)], endWith: refused },
      { events: [], endWith: refused },
      { events: [resolvedEvent(10n), resolvedEvent(20n)] },
    ]);
    jest
      .spyOn(EventStoreDBClient.prototype, 'subscribeToAll')
      .mockImplementation((options) => client.subscribeToAll(options));
    const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const subscription = store.subscribeAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.position).toBe(10n);
    expect((await iterator.next()).value?.position).toBe(20n);
    const dropped = warnings.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('dropped'));
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toMatch(/invalid position/);
    await subscription.close();
  });
});
