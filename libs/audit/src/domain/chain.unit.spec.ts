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
});
