import { EventStoreUnavailableError } from '../port/errors';
import { someEvents } from '../testing/event-fixtures';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * Runs without a server, against a port nothing listens on: the real client's failures must come
 * out as the port's EventStoreUnavailableError, and a subscription must keep trying until closed.
 */
describe('EventStoreDbEventStore without a reachable server', () => {
  const unreachable = 'esdb://127.0.0.1:1?tls=false';

  it('reports every operation as EventStoreUnavailableError', async () => {
    const store = new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 2_000 });
    try {
      await expect(store.append('case-1', someEvents(1), { expected: 'any' })).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('keeps resubscribing with growing delays until the subscription is closed', async () => {
    const delays: number[] = [];
    const store = new EventStoreDbEventStore({
      connectionString: unreachable,
      subscription: { initialDelayMs: 5, maxDelayMs: 20, onDrop: (_, __, delay) => delays.push(delay) },
    });
    const subscription = store.subscribeAll();
    const next = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await store.close();
    await expect(next).resolves.toMatchObject({ done: true });
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays.slice(0, 3)).toEqual([5, 10, 20].slice(0, Math.min(3, delays.length)));
  });
});
