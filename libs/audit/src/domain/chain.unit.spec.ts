import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { ChainWalk, chainHash, GENESIS_HASH, type Seal } from './chain';

const event = (position: number, data: unknown = { n: position }): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'thing-happened',
  stream: `thing-${position}`,
  revision: 0n,
  position: BigInt(position),
  data,
  metadata: {
    actor: { id: 'u-1', name: 'Test User', agency: 'Test Agency', roles: ['coordinator'] },
    correlationId: 'c',
    causationId: 'c',
    occurredAt: '2024-01-01T00:00:00.000Z',
    recordedAt: '2024-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

function seal(events: readonly RecordedEvent[]): Seal[] {
  let previous = GENESIS_HASH;
  return events.map((e) => {
    previous = chainHash(previous, e);
    return { position: e.position, eventId: e.id, stream: e.stream, hash: previous };
  });
}

function walk(seals: readonly Seal[], log: readonly RecordedEvent[], anchors = new Map<bigint, string>()): ChainWalk {
  const chain = new ChainWalk(anchors);
  let i = 0;
  for (const s of seals) {
    if (chain.step(s, log[i]) === 'both') i++;
    if (chain.firstBroken !== undefined) break;
  }
  chain.finish();
  return chain;
}

describe('hash chain', () => {
  const log = [event(0), event(1), event(2), event(3)];
  const seals = seal(log);

  it('accepts an untouched log', () => {
    const chain = walk(seals, log);
    expect(chain.firstBroken).toBeUndefined();
    expect(chain.checked).toBe(4);
  });

  it('ignores key order in stored JSON but not a changed value', () => {
    expect(chainHash(GENESIS_HASH, event(0, { a: 1, b: 2 }))).toBe(chainHash(GENESIS_HASH, event(0, { b: 2, a: 1 })));
    expect(chainHash(GENESIS_HASH, event(0, { a: 1 }))).not.toBe(chainHash(GENESIS_HASH, event(0, { a: 2 })));
  });

  it('names an edited event', () => {
    const edited = [log[0], event(1, { n: 99 }), log[2], log[3]] as RecordedEvent[];
    expect(walk(seals, edited).firstBroken).toMatchObject({ position: '1', reason: 'event-altered' });
  });

  it('names a deleted event, also the last one', () => {
    expect(walk(seals, [log[0], log[2], log[3]] as RecordedEvent[]).firstBroken).toMatchObject({
      position: '1',
      reason: 'event-missing',
    });
    expect(walk(seals, log.slice(0, 3)).firstBroken).toMatchObject({ position: '3', reason: 'event-missing' });
  });

  it('names an event slipped into the sealed range, and a removed seal', () => {
    const withExtra = [log[0], event(1), event(2), log[3]] as RecordedEvent[];
    const sealsWithoutOne = [seals[0], seals[2], seals[3]] as Seal[];
    expect(walk(sealsWithoutOne, withExtra).firstBroken).toMatchObject({ position: '1', reason: 'event-not-sealed' });
  });

  it('detects a consistently rewritten chain only through an anchor kept elsewhere', () => {
    const rewritten = [log[0], event(1, { n: 99 }), log[2], log[3]] as RecordedEvent[];
    const resealed = seal(rewritten);
    expect(walk(resealed, rewritten).firstBroken).toBeUndefined();
    const anchor = new Map([[3n, (seals[3] as Seal).hash]]);
    expect(walk(resealed, rewritten, anchor).firstBroken).toMatchObject({ position: '3', reason: 'anchor-mismatch' });
  });

  it('breaks on an anchor past the newest seal: the log and its chain cut back together', () => {
    const anchor = new Map([[3n, (seals[3] as Seal).hash]]);
    expect(walk(seals.slice(0, 2), log.slice(0, 2), anchor).firstBroken).toEqual({
      position: '3',
      hash: (seals[3] as Seal).hash,
      reason: 'anchor-beyond-head',
      detail: expect.stringMatching(/no longer reaches a head recorded earlier \(the newest seal is at 1\)/),
    });
    expect(walk([], [], anchor).firstBroken).toMatchObject({ position: '3', reason: 'anchor-beyond-head' });
  });

  it('breaks on an anchor whose entry was cut out and every later hash recomputed', () => {
    const without = [log[0], log[1], log[3]] as RecordedEvent[];
    const anchor = new Map([[2n, (seals[2] as Seal).hash]]);
    expect(walk(seal(without), without, anchor).firstBroken).toMatchObject({
      position: '2',
      reason: 'anchor-not-sealed',
    });
  });

  it('accepts anchors the chain still passes through, the newest one included', () => {
    const anchors = new Map([
      [1n, (seals[1] as Seal).hash],
      [3n, (seals[3] as Seal).hash],
    ]);
    const chain = walk(seals, log, anchors);
    expect({ broken: chain.firstBroken, checked: chain.checked }).toEqual({ broken: undefined, checked: 4 });
  });
});
