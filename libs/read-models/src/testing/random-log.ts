import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';

/** A small seeded generator (mulberry32): the same seed gives the same history on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ITEM_TYPES = ['item-opened', 'item-renamed', 'item-closed', 'amount-recorded'] as const;
const LEDGER_TYPES = ['amount-recorded', 'note-added'] as const;
const LABELS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function metadata(random: () => number, recordedAt: string): EventMetadata {
  return {
    actor: { id: `user-${Math.floor(random() * 5)}`, name: 'Synthetic User', agency: 'test-agency', roles: ['tester'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: recordedAt,
    recordedAt,
    schemaVersion: 1,
  };
}

export interface RandomLogOptions {
  /** Distinct streams per category; fewer streams means more updates per row. */
  readonly streams?: number;
  /** Each append (one "command") writes 1..this many events to one stream. */
  readonly maxEventsPerAppend?: number;
  readonly recordedAt?: () => string;
}

/**
 * Appends `count` synthetic events in random order over `item-*` and `ledger-*` streams:
 * items are opened, renamed, closed and re-opened in any order, amounts are random. Returns the
 * position of the last event appended.
 */
export async function appendRandomEvents(
  store: EventStore,
  count: number,
  random: () => number,
  options: RandomLogOptions = {},
): Promise<bigint> {
  const streams = options.streams ?? 200;
  const maxPerAppend = options.maxEventsPerAppend ?? 4;
  const recordedAt = options.recordedAt ?? (() => new Date().toISOString());
  let written = 0;
  let last = -1n;
  while (written < count) {
    const size = Math.min(count - written, 1 + Math.floor(random() * maxPerAppend));
    const isItem = random() < 0.6;
    const stream = `${isItem ? 'item' : 'ledger'}-${Math.floor(random() * streams)}`;
    const meta = metadata(random, recordedAt());
    const events: EventToAppend[] = Array.from({ length: size }, () => ({
      id: randomUUID(),
      type: pick(random, isItem ? ITEM_TYPES : LEDGER_TYPES),
      data: { amount: Math.floor(random() * 1_000) - 300, label: pick(random, LABELS) },
      metadata: meta,
    }));
    last = (await store.append(stream, events, { expected: 'any' })).position;
    written += size;
  }
  return last;
}
