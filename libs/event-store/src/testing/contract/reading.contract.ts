import type { RecordedEvent } from '../../port/event-envelope';
import { readHeadEvent } from '../../port/head-event';
import { anEvent, someEvents, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

const ids = (events: readonly RecordedEvent[]): string[] => events.map((event) => event.id);
const revisions = (events: readonly RecordedEvent[]): bigint[] => events.map((event) => event.revision);

export function readingContract({ store, capabilities }: ContractContext): void {
  describe('readStream', () => {
    const category = uniqueCategory();
    let stream: string;
    beforeEach(async () => {
      stream = streamIn(category);
      await store().append(stream, someEvents(5), { expected: 'no-stream' });
    });

    it('returns [] for a stream that does not exist', async () => {
      expect(await store().readStream(streamIn(category))).toEqual([]);
    });

    it('reads forwards from the start by default, with bigint revisions', async () => {
      const events = await store().readStream(stream);
      expect(revisions(events)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events.every((event) => event.stream === stream)).toBe(true);
    });

    it('reads forwards from a revision (inclusive), at most maxCount', async () => {
      expect(revisions(await store().readStream(stream, { from: 2n }))).toEqual([2n, 3n, 4n]);
      expect(revisions(await store().readStream(stream, { from: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
      expect(await store().readStream(stream, { from: 5n })).toEqual([]);
    });

    it('reads backwards from the end by default, or from a revision (inclusive)', async () => {
      expect(revisions(await store().readStream(stream, { direction: 'backwards' }))).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([4n, 3n]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', from: 2n }))).toEqual([2n, 1n, 0n]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', from: 3n, maxCount: 2 }))).toEqual([
        3n,
        2n,
      ]);
    });

    it('maxCount 0 reads nothing', async () => {
      expect(await store().readStream(stream, { maxCount: 0 })).toEqual([]);
    });
  });

  describe('readAll and headPosition', () => {
    const category = uniqueCategory();

    it('returns events of all streams in global order, strictly after fromPosition', async () => {
      const checkpoint = await store().headPosition();
      const [a, b] = [streamIn(category), streamIn(category)];
      const appended: string[] = [];
      for (const [stream, expected] of [
        [a, 'no-stream'],
        [b, 'no-stream'],
        [a, 0n],
        [b, 0n],
      ] as const) {
        const event = anEvent();
        await store().append(stream, [event], { expected });
        appended.push(event.id);
      }
      const mine = (await store().readAll({ fromPosition: checkpoint })).filter((event) =>
        event.stream.startsWith(`${category}-`),
      );
      expect(ids(mine)).toEqual(appended);
      expectStrictlyIncreasing(mine.map((event) => event.position));
      const positionsInStreams = new Map(
        [...(await store().readStream(a)), ...(await store().readStream(b))].map((event) => [event.id, event.position]),
      );
      expect(mine.map((event) => positionsInStreams.get(event.id))).toEqual(mine.map((event) => event.position));
    });

    it('pages with maxCount and fromPosition without gaps or repeats', async () => {
      const checkpoint = await store().headPosition();
      const stream = streamIn(category);
      const batch = someEvents(7);
      await store().append(stream, batch, { expected: 'no-stream' });
      const collected: RecordedEvent[] = [];
      let from = checkpoint;
      for (let pages = 0; pages < 100; pages++) {
        const page = await store().readAll({ fromPosition: from, maxCount: 3 });
        expect(page.length).toBeLessThanOrEqual(3);
        const last = page[page.length - 1];
        if (last === undefined) break;
        collected.push(...page);
        from = last.position;
      }
      expect(ids(collected.filter((event) => event.stream === stream))).toEqual(batch.map((event) => event.id));
      expectStrictlyIncreasing(collected.map((event) => event.position));
    });

    // Exact on every adapter: a head past the newest event of ours (a system event's position on
    // EventStoreDB) would still pass a check that only reads on from it. No other writer of ours runs.
    it('headPosition is the position of the newest event, and headEvent is that event', async () => {
      const events = someEvents(2);
      const result = await store().append(streamIn(category), events, { expected: 'no-stream' });
      expect(await store().headPosition()).toBe(result.position);
      const head = await readHeadEvent(store());
      expect({ id: head?.id, position: head?.position }).toEqual({ id: events[1]?.id, position: result.position });
      const after = await store().readAll({ fromPosition: result.position });
      expect(after.filter((event) => event.stream.startsWith(`${category}-`))).toEqual([]);
    });

    it('names its log the same way every time it is asked', async () => {
      await store().append(streamIn(category), someEvents(1), { expected: 'no-stream' });
      const identity = await store().logIdentity?.();
      expect(await store().logIdentity?.()).toBe(identity);
    });

    (capabilities.freshGapFreeLog ? it : it.skip)(
      'a fresh log has head -1n, starts at position 0n and never skips a position',
      async () => {
        expect(await store().headPosition()).toBe(-1n);
        expect(await store().readAll()).toEqual([]);
        const first = await store().append(streamIn(category), someEvents(3), { expected: 'no-stream' });
        expect(first.position).toBe(2n);
        await store().append(streamIn(category), [anEvent()], { expected: 'no-stream' });
        expect((await store().readAll()).map((event) => event.position)).toEqual([0n, 1n, 2n, 3n]);
        expect(await store().headPosition()).toBe(3n);
        expect((await store().readAll({ fromPosition: 1n, maxCount: 1 })).map((event) => event.position)).toEqual([2n]);
      },
    );
  });
}

export function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  positions.forEach((position, index) => {
    if (index > 0) expect(position > (positions[index - 1] as bigint)).toBe(true);
  });
}
