import { eventSize, MAX_APPEND_BYTES } from '../../port/append-limits';
import { AppendTooLargeError, InvalidAppendError } from '../../port/errors';
import type { EventToAppend } from '../../port/event-envelope';
import { anEvent, someMetadata, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

/** One event whose data text is `filler` repeated `times`, and the size it adds to an append. */
function eventWithText(filler: string, times: number): { event: EventToAppend; size: number } {
  const event = anEvent({ data: { note: filler.repeat(times) }, metadata: someMetadata() });
  return { event, size: eventSize(event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)) };
}

/** An event whose size, as EventStoreDB counts it, is exactly `target` bytes. */
function eventOfSize(target: number): EventToAppend {
  const { size: empty } = eventWithText('x', 0);
  return eventWithText('x', target - empty).event;
}

export function appendSizeContract({ store }: ContractContext): void {
  describe(`an append larger than ${MAX_APPEND_BYTES} bytes is refused before any write`, () => {
    const category = uniqueCategory();

    it('takes an append of exactly the limit', async () => {
      const stream = streamIn(category);
      await store().append(stream, [eventOfSize(MAX_APPEND_BYTES)], { expected: 'no-stream' });
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('refuses one byte more with AppendTooLargeError naming the size and the limit', async () => {
      const stream = streamIn(category);
      const refusal = store().append(stream, [eventOfSize(MAX_APPEND_BYTES + 1)], { expected: 'no-stream' });
      await expect(refusal).rejects.toBeInstanceOf(AppendTooLargeError);
      await expect(refusal).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(refusal).rejects.toMatchObject({
        size: MAX_APPEND_BYTES + 1,
        limit: MAX_APPEND_BYTES,
        message: expect.stringContaining(`${MAX_APPEND_BYTES + 1} bytes`) as unknown,
      });
      await expect(refusal).rejects.toThrow(`limit of ${MAX_APPEND_BYTES} bytes`);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('counts bytes, not characters: two-byte characters under the limit in length are over it in size', async () => {
      const stream = streamIn(category);
      const { event, size } = eventWithText('é', MAX_APPEND_BYTES / 2);
      expect(JSON.stringify(event.data).length).toBeLessThan(MAX_APPEND_BYTES);
      await expect(store().append(stream, [event], { expected: 'any' })).rejects.toMatchObject({ size });
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('sums the events of one append: none of a batch of small events over the limit is written', async () => {
      const stream = streamIn(category);
      const quarter = Math.floor(MAX_APPEND_BYTES / 4);
      const events = [eventOfSize(quarter), eventOfSize(quarter), eventOfSize(quarter), eventOfSize(quarter + 4)];
      await expect(store().append(stream, events, { expected: 'no-stream' })).rejects.toBeInstanceOf(
        AppendTooLargeError,
      );
      expect(await store().readStream(stream)).toEqual([]);
      await store().append(stream, events.slice(0, 3), { expected: 'no-stream' });
      expect(await store().readStream(stream)).toHaveLength(3);
    });
  });
}
