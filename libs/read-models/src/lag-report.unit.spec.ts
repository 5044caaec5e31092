import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { EventCount, EventStore, ReadAllOptions } from '../../event-store/src/port/event-store';
import { someMetadata } from '../../event-store/src/testing/event-fixtures';
import { LAG_EVENTS_CAP, lagReport } from './lag-report';
import type { ProjectionInstance } from './projection-instance';

const now = new Date('2024-05-01T12:00:00.000Z');

/** A log whose positions are byte offsets, as on EventStoreDB: 1,000 bytes an event, from 5,000. */
function offsetLog(events: number): RecordedEvent[] {
  return Array.from({ length: events }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: 'referral-made',
    data: {},
    metadata: someMetadata({ recordedAt: new Date(now.getTime() - (events - index) * 1_000).toISOString() }),
    stream: 'case-1',
    revision: BigInt(index),
    position: 5_000n + BigInt(index) * 1_000n,
  }));
}

/** What lagReport needs of an EventStore over `log`; with `counts`, it counts for itself as both adapters do. */
function storeOver(log: readonly RecordedEvent[], counts: boolean): EventStore & { countCalls: number } {
  const after = (position: bigint): RecordedEvent[] => log.filter((event) => event.position > position);
  const store = {
    countCalls: 0,
    readAll: ({ fromPosition = -1n, maxCount }: ReadAllOptions = {}): Promise<RecordedEvent[]> =>
      Promise.resolve(after(fromPosition).slice(0, maxCount)),
    ...(counts
      ? {
          countAfter: (position: bigint, cap: number): Promise<EventCount> => {
            store.countCalls++;
            const total = after(position).length;
            return Promise.resolve(total > cap ? { count: cap, capped: true } : { count: total, capped: false });
          },
        }
      : {}),
  };
  return store as unknown as EventStore & { countCalls: number };
}

const at = (checkpoint: bigint, name = 'cohort_list'): ProjectionInstance =>
  ({ name, version: 1, checkpoint, state: 'catching-up', failure: undefined }) as unknown as ProjectionInstance;

describe('lagReport', () => {
  const log = offsetLog(12);
  const head = (log.at(-1) as RecordedEvent).position;

  it.each([
    ['counting for itself', true],
    ['counted by reading (a wrapper without countAfter)', false],
  ])('reports events behind, not the distance in positions, on a store %s', async (_, counts) => {
    const checkpoint = (log[3] as RecordedEvent).position;
    const [report] = await lagReport([at(checkpoint)], head, storeOver(log, counts), now);
    expect(report).toMatchObject({ position: checkpoint.toString(), lagEvents: 8, lagSeconds: 8 });
    expect(report).not.toHaveProperty('lagEventsCapped');
  });

  // 1,000 is the figure /ready's description and the event-store README give operators.
  it('says the figure is capped when more than 1,000 events are behind', async () => {
    const long = offsetLog(1_002);
    const longHead = (long.at(-1) as RecordedEvent).position;
    const [report] = await lagReport([at(-1n)], longHead, storeOver(long, true), now);
    expect(report).toMatchObject({ lagEvents: 1_000, lagEventsCapped: true });
  });

  it('counts exactly up to the cap without saying it is capped', async () => {
    const full = offsetLog(LAG_EVENTS_CAP);
    const fullHead = (full.at(-1) as RecordedEvent).position;
    const [report] = await lagReport([at(-1n)], fullHead, storeOver(full, true), now);
    expect(report).toMatchObject({ lagEvents: LAG_EVENTS_CAP });
    expect(report).not.toHaveProperty('lagEventsCapped');
  });

  it('costs no count for a version at the head, and one count for versions at the same checkpoint', async () => {
    const store = storeOver(log, true);
    const behind = (log[9] as RecordedEvent).position;
    const reports = await lagReport([at(head, 'a'), at(behind, 'b'), at(behind, 'c')], head, store, now);
    expect(reports.map((report) => report.lagEvents)).toEqual([0, 2, 2]);
    expect(store.countCalls).toBe(1);
  });
});
