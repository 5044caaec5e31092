import { FakeReadingClient, resolvedEvent } from './fake-client';
import { readAllForwards } from './read-all-forwards';

const DEADLINE = 1_000;

const log = [1n, 2n, 3n, 4n, 5n, 6n, 7n].map((position) =>
  resolvedEvent(position * 10n, position % 2n === 0n ? { stream: '$stats-node', type: '$statsCollected' } : {}),
);

async function positions(
  iterable: AsyncIterable<{ commitPosition?: bigint }>,
  stopAfter = Infinity,
): Promise<bigint[]> {
  const seen: bigint[] = [];
  for await (const event of iterable) {
    seen.push(event.commitPosition ?? -1n);
    if (seen.length >= stopAfter) break;
  }
  return seen;
}

describe('readAllForwards', () => {
  it('reads everything in chunks, resuming at the last position without repeating it', async () => {
    const client = new FakeReadingClient(log);
    expect(await positions(readAllForwards(client, undefined, 3, DEADLINE))).toEqual([
      10n,
      20n,
      30n,
      40n,
      50n,
      60n,
      70n,
    ]);
    expect(client.calls.map((call) => call.from)).toEqual([
      'start',
      { commit: 30n, prepare: 30n },
      { commit: 50n, prepare: 50n },
      { commit: 70n, prepare: 70n },
    ]);
  });

  it('starts strictly after the given position', async () => {
    const client = new FakeReadingClient(log);
    expect(await positions(readAllForwards(client, 40n, 100, DEADLINE))).toEqual([50n, 60n, 70n]);
    expect(await positions(readAllForwards(client, -1n, 100, DEADLINE))).toHaveLength(7);
  });

  it('cancels the call in flight when the caller stops early', async () => {
    const client = new FakeReadingClient(log);
    expect(await positions(readAllForwards(client, undefined, 100, DEADLINE), 2)).toEqual([10n, 20n]);
    expect(client.cancelled).toBe(1);
  });
});
