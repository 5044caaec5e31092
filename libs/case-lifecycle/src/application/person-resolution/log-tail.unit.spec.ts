import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { LEAN_METADATA } from '../../../../event-store/src/testing/event-fixtures';
import { LogTail } from './log-tail';

/** A log held in memory whose pages come back as microtasks, as rows read ahead or a buffered stream would. */
function logOf(count: number): EventStore {
  const events: RecordedEvent[] = Array.from({ length: count }, (_, index) => ({
    id: `e${index}`,
    type: 'synthetic-event-recorded',
    data: {},
    metadata: LEAN_METADATA,
    stream: `synthetic-${index}`,
    revision: 0n,
    position: BigInt(index),
  }));
  return {
    readAll: ({ fromPosition = -1n, maxCount = count } = {}) =>
      Promise.resolve(events.filter((event) => event.position > fromPosition).slice(0, maxCount)),
  } as Pick<EventStore, 'readAll'> as EventStore;
}

describe('the matcher reading a long log after a restart', () => {
  it('hands the event loop back between pages, so /health and /ready are answered while it reads', async () => {
    let applied = 0;
    const tail = new LogTail(logOf(3_500), () => (applied += 1));
    let appliedWhenAnotherTurnRan: number | undefined;
    const reading = tail.catchUp();
    setImmediate(() => (appliedWhenAnotherTurnRan = applied));

    await reading;

    expect(appliedWhenAnotherTurnRan).toBeLessThan(3_500);
    expect(applied).toBe(3_500);
  });

  it('says how far it has read, and settles caughtUp when it first reaches the head', async () => {
    const tail = new LogTail(logOf(10), () => undefined);
    expect(tail.progress()).toEqual({ eventsRead: 0, position: undefined, caughtUp: false });

    await tail.catchUp();

    await expect(tail.caughtUp).resolves.toBeUndefined();
    expect(tail.progress()).toEqual({ eventsRead: 10, position: 9n, caughtUp: true });
  });

  it('stops between pages when asked, and the next catch-up reads the rest exactly once', async () => {
    const seen: bigint[] = [];
    const stopping = new AbortController();
    const tail = new LogTail(logOf(2_500), (event) => {
      seen.push(event.position);
      // The process is asked to stop while the first page is being applied.
      if (event.position === 500n) stopping.abort();
    });

    await expect(tail.catchUp(stopping.signal)).rejects.toThrow();
    expect(tail.progress()).toEqual({ eventsRead: 1_000, position: 999n, caughtUp: false });

    await tail.catchUp();
    expect(seen).toEqual(Array.from({ length: 2_500 }, (_, index) => BigInt(index)));
  });
});
