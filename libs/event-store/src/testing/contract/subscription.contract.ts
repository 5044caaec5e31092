import type { RecordedEvent } from '../../port/event-envelope';
import { anEvent, someEvents, streamIn, uniqueCategory } from '../event-fixtures';
import { expectNothingMore, take } from '../subscription-helpers';
import type { ContractContext } from './contract-context';
import { expectStrictlyIncreasing } from './reading.contract';

const ids = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

export function subscriptionContract({ store, deliveryTimeoutMs }: ContractContext): void {
  describe('subscribeAll', () => {
    it('catches up from a checkpoint, then delivers live appends in order', async () => {
      const category = uniqueCategory();
      const checkpoint = await store().headPosition();
      const stream = streamIn(category);
      const before = someEvents(3);
      await store().append(stream, before, { expected: 'no-stream' });
      const subscription = store().subscribeAll({
        fromPosition: checkpoint,
        filter: { streamPrefixes: [`${category}-`] },
      });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        expect(ids(await take(iterator, 3, deliveryTimeoutMs))).toEqual(ids(before));
        const pending = take(iterator, 2, deliveryTimeoutMs);
        const live = someEvents(2);
        await store().append(stream, live, { expected: 2n });
        const delivered = await pending;
        expect(ids(delivered)).toEqual(ids(live));
        expect(delivered.map((event) => event.revision)).toEqual([3n, 4n]);
      } finally {
        await subscription.close();
      }
    });

    it('starts strictly after fromPosition', async () => {
      const category = uniqueCategory();
      const stream = streamIn(category);
      await store().append(stream, someEvents(3), { expected: 'no-stream' });
      const [, second, third] = await store().readStream(stream);
      const subscription = store().subscribeAll({
        fromPosition: (second as RecordedEvent).position,
        filter: { streamPrefixes: [`${category}-`] },
      });
      try {
        const [first] = await take(subscription[Symbol.asyncIterator](), 1, deliveryTimeoutMs);
        expect(first?.id).toBe(third?.id);
      } finally {
        await subscription.close();
      }
    });

    it('filters by stream prefix, by event type, and by both', async () => {
      const [cases, people] = [uniqueCategory(), uniqueCategory()];
      const checkpoint = await store().headPosition();
      const caseStream = streamIn(cases);
      const personStream = streamIn(people);
      await store().append(caseStream, [anEvent({ type: 'case-opened' }), anEvent({ type: 'referral-made' })], {
        expected: 'no-stream',
      });
      await store().append(personStream, [anEvent({ type: 'referral-made' }), anEvent({ type: 'person-added' })], {
        expected: 'no-stream',
      });
      const mine = [`${cases}-`, `${people}-`];

      const byPrefix = store().subscribeAll({ fromPosition: checkpoint, filter: { streamPrefixes: [`${cases}-`] } });
      const prefixed = await take(byPrefix[Symbol.asyncIterator](), 2, deliveryTimeoutMs);
      expect(prefixed.map((event) => event.stream)).toEqual([caseStream, caseStream]);
      await expectNothingMore(byPrefix);

      const byType = store().subscribeAll({
        fromPosition: checkpoint,
        filter: { streamPrefixes: mine, eventTypes: ['referral-made'] },
      });
      const typed = await take(byType[Symbol.asyncIterator](), 2, deliveryTimeoutMs);
      expect(typed.map((event) => [event.stream, event.type])).toEqual([
        [caseStream, 'referral-made'],
        [personStream, 'referral-made'],
      ]);
      await expectNothingMore(byType);

      const byBoth = store().subscribeAll({
        fromPosition: checkpoint,
        filter: { streamPrefixes: [`${people}-`], eventTypes: ['person-added', 'case-opened'] },
      });
      const both = await take(byBoth[Symbol.asyncIterator](), 1, deliveryTimeoutMs);
      expect(both.map((event) => event.type)).toEqual(['person-added']);
      await expectNothingMore(byBoth);
    });

    it('delivers every event exactly once, in position order, while appends race the subscriber', async () => {
      const category = uniqueCategory();
      const checkpoint = await store().headPosition();
      const subscription = store().subscribeAll({
        fromPosition: checkpoint,
        filter: { streamPrefixes: [`${category}-`] },
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const streams = Array.from({ length: 4 }, () => streamIn(category));
      const batches = Array.from({ length: 24 }, (_, index) => someEvents(1 + (index % 3)));
      const total = batches.reduce((sum, batch) => sum + batch.length, 0);
      try {
        const delivery = take(iterator, total, deliveryTimeoutMs * 2);
        await Promise.all(
          batches.map(async (batch, index) => {
            // Interleave with the consumer so some appends land during catch-up, some while live.
            await new Promise((resolve) => setTimeout(resolve, index % 5));
            await store().append(streams[index % streams.length] as string, batch, { expected: 'any' });
          }),
        );
        const delivered = await delivery;
        expectStrictlyIncreasing(delivered.map((event) => event.position));
        expect(new Set(ids(delivered)).size).toBe(total);
        expect(new Set(ids(delivered))).toEqual(new Set(batches.flat().map((event) => event.id)));
        const logged = (await store().readAll({ fromPosition: checkpoint })).filter((event) =>
          event.stream.startsWith(`${category}-`),
        );
        expect(ids(delivered)).toEqual(ids(logged));
      } finally {
        await subscription.close();
      }
    });

    it('close() ends an iteration that is waiting for live events', async () => {
      const subscription = store().subscribeAll({
        fromPosition: await store().headPosition(),
        filter: { streamPrefixes: [`${uniqueCategory()}-`] },
      });
      const received: RecordedEvent[] = [];
      const iteration = (async () => {
        for await (const event of subscription) received.push(event);
        return 'ended';
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      await expect(iteration).resolves.toBe('ended');
      expect(received).toEqual([]);
    });

    it('closing the store ends its subscriptions', async () => {
      const subscription = store().subscribeAll({
        fromPosition: await store().headPosition(),
        filter: { streamPrefixes: [`${uniqueCategory()}-`] },
      });
      const iteration = (async () => {
        for await (const event of subscription) void event;
        return 'ended';
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store().close();
      await expect(iteration).resolves.toBe('ended');
    });
  });
}
