import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import type { RecordedEvent } from '../port/event-envelope';
import { EventStoreDbSubscription, type ResubscribeSettings } from './eventstoredb-subscription';
import { FakeSubscribingClient, resolvedEvent, type ScriptedConnection } from './fake-client';

function subscription(
  connections: readonly ScriptedConnection[],
  settings: Partial<ResubscribeSettings> = {},
  fromPosition?: bigint,
): { client: FakeSubscribingClient; subscription: EventStoreDbSubscription; drops: number[] } {
  const client = new FakeSubscribingClient(connections);
  const drops: number[] = [];
  const created = new EventStoreDbSubscription(
    client,
    fromPosition === undefined ? {} : { fromPosition },
    { bufferSize: 16, initialDelayMs: 1, maxDelayMs: 4, onDrop: (_, __, delay) => drops.push(delay), ...settings },
    () => undefined,
  );
  return { client, subscription: created, drops };
}

async function positions(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<bigint[]> {
  const seen: bigint[] = [];
  while (seen.length < count) {
    const next = await iterator.next();
    if (next.done === true) break;
    seen.push(next.value.position);
  }
  return seen;
}

describe('EventStoreDbSubscription', () => {
  it('resubscribes after a drop from the last delivered position and delivers nothing twice', async () => {
    const { client, subscription: sub } = subscription(
      [
        { events: [resolvedEvent(10n), resolvedEvent(20n)], endWith: new UnavailableError() },
        // The server's position is inclusive: the resumed stream starts with the event already seen.
        { events: [resolvedEvent(20n), resolvedEvent(30n)] },
      ],
      {},
      5n,
    );
    expect(await positions(sub[Symbol.asyncIterator](), 3)).toEqual([10n, 20n, 30n]);
    expect(client.requestedFrom).toEqual([
      { commit: 5n, prepare: 5n },
      { commit: 20n, prepare: 20n },
    ]);
    await sub.close();
  });

  it('waits longer after each consecutive failure, up to the maximum', async () => {
    const dropped = { events: [], endWith: new UnavailableError() };
    const { subscription: sub, drops } = subscription([
      dropped,
      dropped,
      dropped,
      dropped,
      { events: [resolvedEvent(1n)] },
    ]);
    expect(await positions(sub[Symbol.asyncIterator](), 1)).toEqual([1n]);
    expect(drops).toEqual([1, 2, 4, 4]);
    await sub.close();
  });

  it('stops with the error when retrying cannot help', async () => {
    const { subscription: sub } = subscription([{ events: [], endWith: new AccessDeniedError() }]);
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('skips system and foreign events and applies the whole filter on the client', async () => {
    const client = new FakeSubscribingClient([
      {
        events: [
          resolvedEvent(1n, { stream: '$stats-127.0.0.1:2113', type: '$statsCollected' }),
          resolvedEvent(2n, { stream: 'case-1', type: '$metadata' }),
          resolvedEvent(3n, { stream: 'case-1', type: 'case-opened' }),
          resolvedEvent(4n, { stream: 'person-1', type: 'referral-made' }),
          resolvedEvent(5n, { stream: 'Legacy_Stream', type: 'SomethingHappened' }),
          resolvedEvent(6n, { stream: 'case-2', type: 'referral-made' }),
        ],
      },
    ]);
    const sub = new EventStoreDbSubscription(
      client,
      { filter: { streamPrefixes: ['case-'], eventTypes: ['referral-made'] } },
      { bufferSize: 16, initialDelayMs: 1, maxDelayMs: 1 },
      () => undefined,
    );
    expect(await positions(sub[Symbol.asyncIterator](), 1)).toEqual([6n]);
    await sub.close();
  });

  it('skips an event named like ours that we did not write, without dropping the subscription', async () => {
    const foreign = resolvedEvent(2n, { stream: 'order-1', type: 'order-placed', metadata: { source: 'shop' } });
    const {
      client,
      subscription: sub,
      drops,
    } = subscription([{ events: [resolvedEvent(1n), foreign, resolvedEvent(3n)] }, { events: [resolvedEvent(3n)] }]);
    expect(await positions(sub[Symbol.asyncIterator](), 2)).toEqual([1n, 3n]);
    expect(drops).toEqual([]);
    expect(client.requestedFrom).toHaveLength(1);
    await sub.close();
  });

  it('close() ends an iteration waiting for live events and unsubscribes', async () => {
    const { client, subscription: sub } = subscription([{ events: [] }]);
    const iteration = sub[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await sub.close();
    await expect(iteration).resolves.toEqual({ done: true, value: undefined });
    expect(client.unsubscribed).toContain(0);
  });

  it('close() during the wait before resubscribing ends the iteration', async () => {
    const { client, subscription: sub } = subscription([{ events: [], endWith: new UnavailableError() }], {
      initialDelayMs: 60_000,
      maxDelayMs: 60_000,
    });
    const iteration = sub[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sub.close();
    await expect(iteration).resolves.toMatchObject({ done: true });
    expect(client.requestedFrom).toHaveLength(1);
  });
});
