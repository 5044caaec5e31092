import { EventIdConflictError, InvalidAppendError } from '../../port/errors';
import type { EventToAppend } from '../../port/event-envelope';
import { anEvent, someEvents, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

/** A client retry after a lost response re-sends the same ids: it must not write twice. */
export function idempotencyContract({ store, capabilities }: ContractContext): void {
  describe('idempotent retries', () => {
    const category = uniqueCategory();

    it('re-sending a batch at the same expected revision returns the original result and writes nothing', async () => {
      const stream = streamIn(category);
      const batch = someEvents(3);
      const original = await store().append(stream, batch, { expected: 'no-stream' });
      const retried = await store().append(stream, batch, { expected: 'no-stream' });
      expect(retried).toEqual(original);
      expect((await store().readStream(stream)).map((event) => event.id)).toEqual(batch.map((event) => event.id));
    });

    it('is recognised at a revision expectation even after the stream moved on', async () => {
      const stream = streamIn(category);
      await store().append(stream, [anEvent()], { expected: 'no-stream' });
      const batch = someEvents(2);
      const original = await store().append(stream, batch, { expected: 0n });
      await store().append(stream, [anEvent()], { expected: original.nextExpectedRevision });
      expect(await store().append(stream, batch, { expected: 0n })).toEqual(original);
      expect(await store().readStream(stream)).toHaveLength(4);
    });

    it('tolerates a re-stamped recordedAt and reordered keys, the only differences a faithful retry may have', async () => {
      const stream = streamIn(category);
      const event = anEvent({ data: { a: 1, nested: { x: 'y', z: [1, 2] } } });
      const original = await store().append(stream, [event], { expected: 'no-stream' });
      const retry: EventToAppend = {
        ...event,
        data: { nested: { z: [1, 2], x: 'y' }, a: 1 },
        metadata: { ...event.metadata, recordedAt: new Date(Date.now() + 60_000).toISOString() },
      };
      expect(await store().append(stream, [retry], { expected: 'no-stream' })).toEqual(original);
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it.each<[string, (event: EventToAppend) => EventToAppend]>([
      ['data', (event) => ({ ...event, data: { reason: 'something else' } })],
      ['type', (event) => ({ ...event, type: 'referral-withdrawn' })],
      [
        'metadata actor',
        (event) => ({
          ...event,
          metadata: { ...event.metadata, actor: { ...event.metadata.actor, id: 'someone-else' } },
        }),
      ],
      [
        'occurredAt',
        (event) => ({ ...event, metadata: { ...event.metadata, occurredAt: '2001-01-01T00:00:00.000Z' } }),
      ],
    ])('the same id with different %s is an EventIdConflictError and writes nothing', async (_, change) => {
      const stream = streamIn(category);
      const event = anEvent();
      await store().append(stream, [event], { expected: 'no-stream' });
      const error = await store()
        .append(stream, [change(event)], { expected: 'no-stream' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EventIdConflictError);
      expect(error).toMatchObject({ eventId: event.id });
      const stored = await store().readStream(stream);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.data).toEqual(event.data);
    });

    it('a batch only partly stored already is an EventIdConflictError and writes nothing', async () => {
      const stream = streamIn(category);
      const [first, second] = someEvents(2) as [EventToAppend, EventToAppend];
      await store().append(stream, [first], { expected: 'no-stream' });
      await expect(store().append(stream, [first, second], { expected: 'no-stream' })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    // EventStoreDB refuses this only while its cache of recent ids holds the stored one.
    (capabilities.idempotentRetryWithAny ? it.each : it.skip.each)(['any', 'stream-exists'] as const)(
      'a batch only partly stored already, appended expecting %s, is an EventIdConflictError and writes nothing',
      async (expected) => {
        const stream = streamIn(category);
        const [first, second] = someEvents(2) as [EventToAppend, EventToAppend];
        await store().append(stream, [first], { expected: 'no-stream' });
        await store().append(stream, [anEvent()], { expected: 'any' });
        await expect(store().append(stream, [first, second], { expected })).rejects.toMatchObject({
          name: 'EventIdConflictError',
          eventId: first.id,
        });
        expect(await store().readStream(stream)).toHaveLength(2);
      },
    );

    it('an id repeated within one batch is an InvalidAppendError', async () => {
      const event = anEvent();
      await expect(store().append(streamIn(category), [event, event], { expected: 'any' })).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
    });

    (capabilities.globallyUniqueEventIds ? it : it.skip)(
      'the same id in another stream is an EventIdConflictError',
      async () => {
        const event = anEvent();
        await store().append(streamIn(category), [event], { expected: 'no-stream' });
        const other = streamIn(category);
        await expect(store().append(other, [event], { expected: 'no-stream' })).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        expect(await store().readStream(other)).toEqual([]);
      },
    );

    (capabilities.idempotentRetryWithAny ? it : it.skip)(
      'a retry with expected revision any returns the original result',
      async () => {
        const stream = streamIn(category);
        const batch = someEvents(2);
        const original = await store().append(stream, batch, { expected: 'any' });
        await store().append(stream, [anEvent()], { expected: 'any' });
        expect(await store().append(stream, batch, { expected: 'any' })).toEqual(original);
        expect(await store().readStream(stream)).toHaveLength(3);
      },
    );
  });
}
