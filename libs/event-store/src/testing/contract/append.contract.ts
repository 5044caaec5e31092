import { WrongExpectedRevisionError } from '../../port/errors';
import type { ExpectedRevision } from '../../port/expected-revision';
import { anEvent, someEvents, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

export function appendContract({ store }: ContractContext): void {
  describe('append with expected revision', () => {
    const category = uniqueCategory();

    it('no-stream creates the stream and reports the last revision and position as bigints', async () => {
      const stream = streamIn(category);
      const result = await store().append(stream, someEvents(3), { expected: 'no-stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      expect(typeof result.position).toBe('bigint');
      const recorded = await store().readStream(stream);
      expect(recorded.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(recorded[2]?.position).toBe(result.position);
    });

    it('no-stream on an existing stream is refused with the actual revision', async () => {
      const stream = streamIn(category);
      await store().append(stream, someEvents(2), { expected: 'no-stream' });
      const error = await store()
        .append(stream, [anEvent()], { expected: 'no-stream' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ stream, expected: 'no-stream', actual: 1n });
    });

    it('stream-exists is refused on a missing stream and accepted on an existing one', async () => {
      const stream = streamIn(category);
      const error = await store()
        .append(stream, [anEvent()], { expected: 'stream-exists' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ stream, expected: 'stream-exists', actual: 'no-stream' });
      await store().append(stream, [anEvent()], { expected: 'no-stream' });
      const result = await store().append(stream, [anEvent()], { expected: 'stream-exists' });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('any appends whether or not the stream exists', async () => {
      const stream = streamIn(category);
      expect((await store().append(stream, [anEvent()], { expected: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store().append(stream, someEvents(2), { expected: 'any' })).nextExpectedRevision).toBe(2n);
    });

    it('a revision must equal the stream’s last revision', async () => {
      const stream = streamIn(category);
      const first = await store().append(stream, someEvents(2), { expected: 'no-stream' });
      const second = await store().append(stream, [anEvent()], { expected: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(2n);
      expect(second.position > first.position).toBe(true);
      for (const stale of [0n, 1n, 3n]) {
        const error = await store()
          .append(stream, [anEvent()], { expected: stale })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: stale, actual: 2n });
      }
      const missing = await store()
        .append(streamIn(category), [anEvent()], { expected: 0n })
        .catch((caught: unknown) => caught);
      expect(missing).toMatchObject({ expected: 0n, actual: 'no-stream' });
    });

    it.each<[ExpectedRevision]>([['no-stream'], [0n]])(
      'of concurrent appends expecting %p exactly one wins and only its events are stored',
      async (expected) => {
        const stream = streamIn(category);
        if (expected === 0n) await store().append(stream, [anEvent()], { expected: 'no-stream' });
        const batches = Array.from({ length: 6 }, () => someEvents(2));
        const outcomes = await Promise.allSettled(batches.map((batch) => store().append(stream, batch, { expected })));
        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        const stored = (await store().readStream(stream)).map((event) => event.id);
        const winning = (batches[winners[0] as number] ?? []).map((event) => event.id);
        expect(stored.slice(-2)).toEqual(winning);
        expect(stored).toHaveLength(expected === 0n ? 3 : 2);
      },
    );

    it('refused appends write nothing', async () => {
      const stream = streamIn(category);
      await store().append(stream, [anEvent()], { expected: 'no-stream' });
      await expect(store().append(stream, someEvents(3), { expected: 5n })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store().readStream(stream)).toHaveLength(1);
    });
  });
}
