import { BACKWARDS, EventStoreDBClient, FORWARDS, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { LEAN_METADATA } from '../testing/event-fixtures';
import { FakeReadingClient, resolvedEvent } from './fake-client';

/** No server: the client's calls are replaced, and nothing listens where it would connect. */
const unreachable = 'esdb://127.0.0.1:1?tls=false';

const ours = (position: bigint): AllStreamResolvedEvent => resolvedEvent(position);
const otherApplication = (position: bigint): AllStreamResolvedEvent =>
  resolvedEvent(position, { stream: 'billing$invoices', type: 'InvoiceRaised' });

/** A cluster shared with another application that wrote `count` events before any of ours. */
function sharedCluster(count: number): AllStreamResolvedEvent[] {
  return Array.from({ length: count }, (_, index) => otherApplication(BigInt(index + 1) * 10n));
}

/** Named after the first event of ours (its id first, then its times). */
const firstOfOurs = expect.stringMatching(new RegExp(`^eventstoredb:${ours(300_000n).event!.id}:`));

describe('EventStoreDbEventStore.logIdentity on a shared cluster', () => {
  let store: EventStoreDbEventStore;
  let client: FakeReadingClient;
  let log: AllStreamResolvedEvent[];
  beforeEach(() => {
    store = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 500 });
    log = sharedCluster(20_000);
    client = new FakeReadingClient(log);
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => client.readAll(options));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  // The projector asks at every round and the sealer at every seal while the log has no name.
  it('does not read the other application’s events again while none of ours exist', async () => {
    expect(await store.logIdentity()).toBeUndefined();
    const afterFirst = client.calls.length;
    for (let call = 0; call < 5; call++) expect(await store.logIdentity()).toBeUndefined();
    // One short look back from the end of $all each time, nothing read forwards.
    expect(client.calls.slice(afterFirst).map(({ direction }) => direction)).toEqual(
      Array.from({ length: 5 }, () => BACKWARDS),
    );
  });

  it('finds the first event of ours behind them in few calls, and keeps it', async () => {
    log.push(ours(300_000n), ours(300_010n));
    expect(await store.logIdentity()).toEqual(firstOfOurs);
    expect(client.calls.filter(({ direction }) => direction === FORWARDS).length).toBeLessThanOrEqual(10);

    const calls = client.calls.length;
    expect(await store.logIdentity()).toEqual(firstOfOurs);
    expect(client.calls.length).toBe(calls);
  });

  // A referral's id is derived from its sender and body: the same scripted first referral on two
  // clusters must not make them one log.
  it('differs between two clusters whose first events of ours share an id but not their times', async () => {
    const firstOn = (created: Date, recordedAt: string): AllStreamResolvedEvent => {
      const event = resolvedEvent(300_000n, { metadata: { ...LEAN_METADATA, recordedAt } });
      return { ...event, event: { ...event.event!, created } } as AllStreamResolvedEvent;
    };
    log.push(firstOn(new Date('2026-01-05T09:00:00.000Z'), '2026-01-05T09:00:00.000Z'));
    const first = await store.logIdentity();

    const other = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 500 });
    client = new FakeReadingClient([firstOn(new Date('2026-03-17T14:30:00.000Z'), '2026-03-17T14:30:00.000Z')]);
    try {
      expect(first).toContain(ours(300_000n).event!.id);
      expect(await other.logIdentity()).not.toBe(first);
    } finally {
      await other.close();
    }
  });

  it('reads $all up to the first event of ours once, for callers asking together or after ours appear', async () => {
    expect(await store.logIdentity()).toBeUndefined();
    log.push(ours(300_000n));
    const before = client.calls.length;
    const identities = await Promise.all([store.logIdentity(), store.logIdentity(), store.logIdentity()]);
    expect(identities).toEqual(identities.map(() => firstOfOurs));
    const forwards = client.calls.slice(before).filter(({ direction }) => direction === FORWARDS);
    // Resumed where the first search found none of ours: not from the start of $all.
    expect(forwards.map(({ from }) => from)).toEqual([{ commit: 200_000n, prepare: 200_000n }]);
  });

  // A headPosition (the sealer, /ready) finishing while a search for the name is between its look
  // at the head and what it does with it must not move where the search resumes: past the first
  // event of ours, the log would be named after a later one, unlike every other process's name.
  it('is named after the first event of ours whenever a concurrent head search finishes', async () => {
    const microtasks = async (count: number): Promise<void> => {
      for (let tick = 0; tick < count; tick++) await Promise.resolve();
    };
    // Calls answered through promises only, so each interleaving below is one microtask apart.
    jest.spyOn(EventStoreDBClient.prototype, 'readAll').mockImplementation((options) => {
      const events = client.answer(options);
      return Object.assign(
        {
          async *[Symbol.asyncIterator]() {
            yield* events;
          },
        },
        { cancel: async () => undefined, destroy: () => undefined },
      ) as never;
    });
    const names = new Set<string | undefined>();
    for (let offset = 0; offset < 40; offset++) {
      const searcher = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 500 });
      try {
        log.splice(0, log.length, ...sharedCluster(3));
        const searching = searcher.logIdentity();
        log.push(ours(300_000n), ours(300_010n));
        await microtasks(offset);
        const head = searcher.headPosition();
        await Promise.all([searching, head]);
        names.add(await searcher.logIdentity());
      } finally {
        await searcher.close();
      }
    }
    // (toStrictEqual: toEqual would take [name, undefined] for [name].)
    expect([...names]).toStrictEqual([firstOfOurs]);
  });
});
