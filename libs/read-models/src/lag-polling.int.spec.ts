import { someEvents } from '../../event-store/src/testing/event-fixtures';
import type { EventStore } from '../../event-store/src/port/event-store';
import { LAG_EVENTS_CAP } from './lag-report';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * /ready is polled (a load balancer, a dashboard), and on EventStoreDB counting the events behind
 * a view means reading them: up to 1,001 per checkpoint behind, at every call. While neither the
 * view nor the log moves, the answer cannot change, so it must not be read again.
 */

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

/** The embedded store as EventStoreDB costs it: it cannot count without reading, and every event read is counted. */
function readingOnly(log: EventStore): { store: EventStore; read: { events: number } } {
  const read = { events: 0 };
  const store = new Proxy(log, {
    get(target, key) {
      if (key === 'countAfter') return undefined;
      if (key === 'readAll')
        return async (...args: Parameters<EventStore['readAll']>) => {
          const page = await target.readAll(...args);
          read.events += page.length;
          return page;
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, read };
}

describe('/ready polled while a view is behind', () => {
  it('reads no event again while neither the view nor the log moves; counts again once the log does', async () => {
    const { store, read } = readingOnly(fixture.store);
    await fixture.store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
    const now = { at: new Date() };
    const runtime = new ProjectorRuntime({
      store,
      database: fixture.open(),
      projections: [streamTotalsProjection()],
      clock: () => now.at,
    });
    await runtime.catchUp();
    await fixture.store.append('ledger-2', someEvents(1_200, 'amount-recorded'), { expected: 'no-stream' });
    const head = await store.headPosition();
    now.at = new Date(Date.now() + 60_000);

    const first = await runtime.lag(head);
    const afterFirst = read.events;
    const again = await runtime.lag(head);

    expect(first).toMatchObject([{ position: '2', lagEvents: LAG_EVENTS_CAP, lagEventsCapped: true }]);
    expect(again).toEqual(first);
    expect(read.events).toBe(afterFirst);

    const { position } = await fixture.store.append('ledger-3', someEvents(1, 'amount-recorded'), {
      expected: 'no-stream',
    });
    await runtime.lag(position);
    expect(read.events).toBeGreaterThan(afterFirst);
  });
});
