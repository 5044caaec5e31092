import { EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../port/errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeStreamsClient, streamEvent, type ReadPace } from './fake-client';
import { ForeignEventInStreamError } from './foreign-events';

/** No server: the client's calls are replaced, and nothing listens where it would connect. */
const unreachable = 'esdb://127.0.0.1:1?tls=false';

function aStream(stream: string, length: number): ResolvedEvent[] {
  return Array.from({ length }, (_, revision) => streamEvent(stream, BigInt(revision)));
}

const revisions = (events: readonly { revision: bigint }[]): number[] => events.map((event) => Number(event.revision));
const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, index) => from + index * step);

describe('EventStoreDbEventStore.readStream', () => {
  let store: EventStoreDbEventStore;
  let client: FakeStreamsClient;
  const serve = (streams: Record<string, ResolvedEvent[]>, pace?: ReadPace): void => {
    client = new FakeStreamsClient(new Map(Object.entries(streams)), pace);
    jest
      .spyOn(EventStoreDBClient.prototype, 'readStream')
      .mockImplementation((stream, options) => client.readStream(stream, options));
  };
  beforeEach(() => {
    store = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 600 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  // The IOM monthly import streams and the per-day audit streams grow with use: one call for the
  // whole stream would outlast any deadline once they are long enough, and fail every time.
  it('reads a stream too long to stream within one deadline, every call finishing within its own', async () => {
    // 1,000 events every 120 ms: 20,000 events take 2.4 s in one call, past a 2 s deadline, while a
    // page of 4,096 takes about 0.5 s, leaving room for a loaded machine's late timers.
    await store.close();
    store = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 2_000 });
    serve({ 'iom-2026-01': aStream('iom-2026-01', 20_000) }, { events: 1_000, everyMs: 120 });
    const events = await store.readStream('iom-2026-01');
    expect(revisions(events)).toEqual(range(0, 19_999));
    expect(client.reads.length).toBeGreaterThan(1);
  }, 20_000);

  it('gives the same events as one call would, in either direction, from any revision, up to maxCount', async () => {
    serve({ 'audit-2026-01-05': aStream('audit-2026-01-05', 10_000) });
    expect(revisions(await store.readStream('audit-2026-01-05'))).toEqual(range(0, 9_999));
    expect(revisions(await store.readStream('audit-2026-01-05', { from: 4_000n, maxCount: 5_000 }))).toEqual(
      range(4_000, 8_999),
    );
    expect(revisions(await store.readStream('audit-2026-01-05', { direction: 'backwards' }))).toEqual(
      range(0, 9_999).reverse(),
    );
    expect(
      revisions(await store.readStream('audit-2026-01-05', { direction: 'backwards', from: 9_000n, maxCount: 4_500 })),
    ).toEqual(range(4_501, 9_000).reverse());
    expect(revisions(await store.readStream('audit-2026-01-05', { direction: 'backwards', from: 2n }))).toEqual([
      2, 1, 0,
    ]);
    expect(revisions(await store.readStream('audit-2026-01-05', { from: 9_999n }))).toEqual([9_999]);
    expect(await store.readStream('audit-2026-01-05', { from: 10_000n })).toEqual([]);
    // No call asks for more than the caller wants.
    expect(client.reads.every(({ maxCount }) => maxCount <= 10_000)).toBe(true);
  });

  it('reads a short stream in one call, as before, and a missing one as empty', async () => {
    serve({ 'case-1': aStream('case-1', 3) });
    expect(revisions(await store.readStream('case-1'))).toEqual([0, 1, 2]);
    expect(client.reads).toHaveLength(1);
    expect(await store.readStream('case-2')).toEqual([]);
    expect(await store.readStream('case-2', { direction: 'backwards' })).toEqual([]);
  });

  it('refuses a long stream holding an event we did not write, wherever it is', async () => {
    const events = aStream('case-1', 9_000);
    events[8_500] = streamEvent('case-1', 8_500n, { metadata: { source: 'another application' } });
    serve({ 'case-1': events });
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(ForeignEventInStreamError);
    await expect(store.readStream('case-1')).rejects.toMatchObject({ event: { revision: 8_500n } });
  });

  it('still gives up a page the server never finishes, as EventStoreUnavailableError', async () => {
    // 100 events every 50 ms: no page of thousands finishes within 600 ms.
    serve({ 'case-1': aStream('case-1', 5_000) }, { events: 100, everyMs: 50 });
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  }, 10_000);
});
