import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { ForeignEventReports } from './foreign-events';
import type { EventNotOurs } from './recorded-events';
import { FakeReadingClient, resolvedEvent } from './fake-client';

/** No server: the client's reads are replaced, and nothing listens where it would connect. */
const unreachable = 'esdb://127.0.0.1:1?tls=false';

/** Another application on the same server whose names happen to follow our rules. */
const SHOP_METADATA = { source: 'shop', traceId: 'synthetic-trace' };

/**
 * Ours at 10, 40 and 70. Between them: a shop order named like ours (twice, and once with another
 * type), one of ours-by-name with array data, a system event and a differently named one.
 */
const log = [
  resolvedEvent(10n),
  resolvedEvent(20n, { stream: 'order-1', type: 'order-placed', metadata: SHOP_METADATA }),
  resolvedEvent(30n, { stream: 'order-2', type: 'order-placed', metadata: SHOP_METADATA }),
  resolvedEvent(40n, { stream: 'case-2' }),
  resolvedEvent(50n, { stream: 'order-1', type: 'order-shipped', metadata: undefined }),
  resolvedEvent(60n, { stream: 'case-3', data: ['not', 'an', 'object'] }),
  resolvedEvent(65n, { stream: '$stats-node', type: '$statsCollected' }),
  resolvedEvent(70n, { stream: 'case-4' }),
  resolvedEvent(80n, { stream: 'Legacy_Stream', type: 'SomethingHappened' }),
  resolvedEvent(90n, { stream: 'order-3', type: 'order-placed', metadata: SHOP_METADATA }),
];

describe('EventStoreDbEventStore with events of another application in the log', () => {
  let store: EventStoreDbEventStore;
  let reported: EventNotOurs[];
  beforeEach(() => {
    reported = [];
    store = new EventStoreDbEventStore({
      connectionString: unreachable,
      onForeignEvent: (event) => reported.push(event),
    });
    const client = new FakeReadingClient(log);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => client.readAll(options));
    jest.spyOn(EventStoreDBClient.prototype, 'readStream').mockImplementation((stream) => client.readStream(stream));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('readAll skips them and returns ours', async () => {
    expect((await store.readAll()).map((event) => event.position)).toEqual([10n, 40n, 70n]);
    expect((await store.readAll({ fromPosition: 10n, maxCount: 1 })).map((event) => event.position)).toEqual([40n]);
  });

  it('countAfter counts what readAll returns, and the head is the last of ours', async () => {
    expect(await store.countAfter(-1n, 100)).toEqual({ count: 3, capped: false });
    expect(await store.countAfter(10n, 1)).toEqual({ count: 1, capped: true });
    expect(await store.headPosition()).toBe(70n);
  });

  it('reports each stream category and event type named like ours once, however often it is read', async () => {
    await store.readAll();
    await store.readAll();
    await store.countAfter(-1n, 100);
    expect(reported.map(({ stream, type, problem }) => ({ stream, type, problem }))).toEqual([
      { stream: 'order-1', type: 'order-placed', problem: 'metadata.actor must have id, name, agency and roles' },
      { stream: 'order-1', type: 'order-shipped', problem: 'metadata must be an object' },
      { stream: 'case-3', type: 'referral-made', problem: 'its data is not a JSON object' },
    ]);
  });

  it('readStream refuses a stream of ours holding an event we did not write, naming it', async () => {
    await expect(store.readStream('case-3')).rejects.toMatchObject({
      name: 'ForeignEventInStreamError',
      message: expect.stringContaining('stream case-3 holds event 00000000-0000-4000-8000-000000000060'),
    });
    await expect(store.readStream('order-1')).rejects.toThrow('metadata.actor must have id, name, agency and roles');
    expect((await store.readStream('case-2')).map((event) => event.revision)).toEqual([40n]);
  });
});

describe('ForeignEventReports by default', () => {
  afterEach(() => jest.restoreAllMocks());

  it('warns once per category and type, naming the first event seen', () => {
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const reports = new ForeignEventReports();
    const order = {
      id: 'e-1',
      stream: 'order-1',
      type: 'order-placed',
      revision: 0n,
      problem: 'p',
      namedLikeOurs: true,
    };
    reports.skipped(order);
    reports.skipped({ ...order, id: 'e-2', stream: 'order-2' });
    reports.skipped({ ...order, stream: '$stats-node', type: '$statsCollected', namedLikeOurs: false });
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning.mock.calls[0]?.[0]).toContain('skipping order-placed events in order-… streams');
    expect(emitWarning.mock.calls[0]?.[0]).toContain('event e-1 in order-1: p');
  });
});
