import type { EventStore, SubscribeAllOptions, Subscription } from '../../event-store/src/port/event-store';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { CheckpointTable } from './checkpoint-table';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * On EventStoreDB a subscription can stall or drop without a word (a server restart, a network
 * blip, a catch-up subscription that never delivers). The read models must still follow the log:
 * an idle runtime looks at the log again now and then, whatever its doorbell does.
 */

let fixture: ReadModelFixture;
beforeEach(() => {
  // Far beyond the test's deadline: the embedded store's own polling must not be what wakes the runtime.
  fixture = new ReadModelFixture({ pollIntervalMs: 600_000 });
});
afterEach(() => fixture.cleanUp());

/** A subscription that never delivers anything; it only ends when closed. */
function silentSubscription(): Subscription {
  let end: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (end = resolve));
  const done = async (): Promise<IteratorResult<never>> => {
    await closed;
    return { done: true, value: undefined };
  };
  return {
    close: () => {
      end();
      return Promise.resolve();
    },
    [Symbol.asyncIterator]: () => ({
      next: done,
      return: () => {
        end();
        return done();
      },
    }),
  };
}

/**
 * The fixture's store, except that its subscriptions are silent while `stalled.now` is set (from
 * the next one opened); counts how many silent and working ones were opened.
 */
function storeWithSilentSubscriptions(
  log: EventStore,
  polls = false,
): {
  store: EventStore;
  subscribed: { count: number; working: number };
  stalled: { now: boolean };
} {
  const subscribed = { count: 0, working: 0 };
  const stalled = { now: true };
  const store = new Proxy(log, {
    get(target, key) {
      // Stands for a store whose subscriptions are pushed to (EventStoreDB), unless told otherwise.
      if (key === 'subscriptionsPoll') return polls;
      if (key === 'subscribeAll')
        return (options?: SubscribeAllOptions) => {
          if (!stalled.now) {
            subscribed.working++;
            return target.subscribeAll(options);
          }
          subscribed.count++;
          return silentSubscription();
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, subscribed, stalled };
}

/** Polls `condition` until it holds or the deadline passes; a generous deadline, not a speed check. */
async function eventually(condition: () => boolean, deadlineMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('an idle runtime whose subscription never delivers', () => {
  it('still projects events appended while it waits', async () => {
    const { store, subscribed } = storeWithSilentSubscriptions(fixture.store);
    await fixture.store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
    const db = fixture.open();
    const checkpoints = new CheckpointTable(db);
    const runtime = fixture.runtime(db, [streamTotalsProjection()], { store, idleRecheckMs: 20 });
    runtime.start();
    // Caught up with what was there, and waiting on the (silent) subscription.
    expect(await eventually(() => checkpoints.position('stream_totals', 1) === 2n && subscribed.count > 0)).toBe(true);

    const { position } = await fixture.store.append('ledger-2', someEvents(4, 'amount-recorded'), {
      expected: 'no-stream',
    });

    expect(await eventually(() => checkpoints.position('stream_totals', 1) === position)).toBe(true);
    const totals = db.prepare('SELECT stream, events FROM stream_totals_v1_totals ORDER BY stream').all();
    expect(totals).toEqual([
      { stream: 'ledger-1', events: 3 },
      { stream: 'ledger-2', events: 4 },
    ]);
  });
});

describe('an idle runtime telling an operator its subscription has stalled', () => {
  /** The runtime's warnings, and a runtime on a store whose subscriptions are silent while stalled. */
  function stalledRuntime(polls = false) {
    const warnings: string[] = [];
    const log = {
      log: () => undefined,
      warn: (message: string) => void warnings.push(message),
      error: () => undefined,
    };
    const { store, subscribed, stalled } = storeWithSilentSubscriptions(fixture.store, polls);
    const db = fixture.open();
    const checkpoints = new CheckpointTable(db);
    const runtime = fixture.runtime(db, [streamTotalsProjection()], { store, idleRecheckMs: 20, log });
    const projected = (position: bigint) => eventually(() => checkpoints.position('stream_totals', 1) === position);
    const append = async (stream: string) =>
      (await fixture.store.append(stream, someEvents(2, 'amount-recorded'), { expected: 'no-stream' })).position;
    return { runtime, warnings, subscribed, stalled, projected, append };
  }
  const stallWarning = /^projections: subscription silent for 0\.02 s while the log moved; re-read found events/;

  it('warns once per stall, when a re-read after the idle wait finds events the subscription did not ring for', async () => {
    const { runtime, warnings, subscribed, projected, append } = stalledRuntime();
    runtime.start();
    // Idle re-reads that find nothing are no sign of a stall.
    expect(await eventually(() => subscribed.count > 5)).toBe(true);
    expect(warnings).toEqual([]);

    expect(await projected(await append('ledger-1'))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(stallWarning)]);
    // Still the same stall: not said again every second.
    expect(await projected(await append('ledger-2'))).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('warns again for a later stall once the subscription has rung in between', async () => {
    const { runtime, warnings, subscribed, stalled, projected, append } = stalledRuntime();
    runtime.start();
    expect(await eventually(() => subscribed.count > 0)).toBe(true);
    expect(await projected(await append('ledger-1'))).toBe(true);
    expect(warnings).toHaveLength(1);

    stalled.now = false;
    // Once the runtime waits on a working subscription, appends ring it: no warning, and the stall is over.
    expect(await eventually(() => subscribed.working > 0)).toBe(true);
    expect(await projected(await append('ledger-2'))).toBe(true);
    expect(await projected(await append('ledger-3'))).toBe(true);
    expect(warnings).toHaveLength(1);

    stalled.now = true;
    const opened = subscribed.count;
    expect(await eventually(() => subscribed.count > opened)).toBe(true);
    expect(await projected(await append('ledger-4'))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(stallWarning), expect.stringMatching(stallWarning)]);
  });

  it("does not warn on a store whose subscriptions poll, where the re-read finds other processes' appends first", async () => {
    const { runtime, warnings, subscribed, projected, append } = stalledRuntime(true);
    runtime.start();
    expect(await eventually(() => subscribed.count > 0)).toBe(true);
    expect(await projected(await append('ledger-1'))).toBe(true);
    expect(await projected(await append('ledger-2'))).toBe(true);
    expect(warnings).toEqual([]);
  });
});
