import { countEventsAfter } from '../../port/event-count';
import { someEvents, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

/**
 * Counts events, whatever positions are on the adapter. On a shared EventStoreDB server the log
 * holds other tests' events before ours, but nothing after them while a test runs.
 */
export function countContract({ store }: ContractContext): void {
  describe('countAfter', () => {
    const category = uniqueCategory();
    let positions: bigint[];
    beforeEach(async () => {
      positions = [];
      // Several appends of several events, so that positions move by more than one per event on EventStoreDB.
      for (const size of [3, 1, 4]) {
        const stream = streamIn(category);
        await store().append(stream, someEvents(size), { expected: 'no-stream' });
        const events = await store().readStream(stream);
        positions.push(...events.map((event) => event.position));
      }
    });

    it('is implemented by the adapter itself, not left to the port to count by reading', () => {
      expect(typeof store().countAfter).toBe('function');
    });

    it('counts exactly the events after a checkpoint, the event at it excluded', async () => {
      const checkpoint = positions[2] as bigint;
      expect(await countEventsAfter(store(), checkpoint, 100)).toEqual({ count: 5, capped: false });
      expect(await countEventsAfter(store(), positions[7] as bigint, 100)).toEqual({ count: 0, capped: false });
      expect(await countEventsAfter(store(), await store().headPosition(), 100)).toEqual({ count: 0, capped: false });
    });

    it('stops at the cap and says so, and is exact at the cap', async () => {
      const checkpoint = positions[0] as bigint;
      expect(await countEventsAfter(store(), checkpoint, 3)).toEqual({ count: 3, capped: true });
      expect(await countEventsAfter(store(), checkpoint, 7)).toEqual({ count: 7, capped: false });
      expect(await countEventsAfter(store(), checkpoint, 6)).toEqual({ count: 6, capped: true });
      expect(await countEventsAfter(store(), checkpoint, 0)).toEqual({ count: 0, capped: true });
    });

    it('counts from before the first event with -1n', async () => {
      // The log holds at least these eight events: a cap below that is reached, cheaply on a shared server too.
      expect(await countEventsAfter(store(), -1n, 7)).toEqual({ count: 7, capped: true });
    });

    it('refuses a cap that is not a whole non-negative number', async () => {
      await expect(countEventsAfter(store(), -1n, -1)).rejects.toBeInstanceOf(RangeError);
      await expect(countEventsAfter(store(), -1n, 1.5)).rejects.toBeInstanceOf(RangeError);
    });
  });
}
