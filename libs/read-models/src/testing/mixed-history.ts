/**
 * One log that every registered projection reads at once: the cohort spec's case, person and
 * meeting histories (`appendRandomCaseLog`), interleaved with identity links, merges and splits,
 * IOM imports, disclosures, sharing agreements and recorded reads (`identity-history.ts`,
 * `context-events.ts`), over shared pools of people and cases so that they meet. Seeded: the same seed gives the same
 * events (their ids and correlation ids aside). All data is synthetic.
 */
import { randomUUID } from 'node:crypto';
import { appendRandomCaseLog } from '../../../case-lifecycle/src/projections/testing/random-case-log';
import type { MeetingScheduled } from '../../../case-lifecycle/src/domain/events/meeting-events';
import type { EventMetadata, EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { disclosureEvent, dsaEvent, importEvents, readEvent } from './context-events';
import { IdentityWorld } from './identity-history';
import { at, CASES, pick, type Random } from './mixed-pools';

const MEETINGS = ['7', 'constructor', ...Array.from({ length: 8 }, (_, i) => `meeting-${i}`)];
const ACTORS = [
  { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Police', roles: ['coordinator'] },
  { id: 'user-2', name: 'Synthetic Officer', agency: 'Probation', roles: ['practitioner'] },
];

function metadata(random: Random, correlationId: string, occurredAt: string): EventMetadata {
  return {
    actor: pick(random, ACTORS),
    correlationId,
    causationId: correlationId,
    occurredAt,
    recordedAt: at(random),
    schemaVersion: 1,
  };
}

const toAppend = (random: Random, n: number, event: { type: string; data: object }): EventToAppend => {
  const occurredAt = (event.data as { occurredAt?: string }).occurredAt ?? at(random);
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: metadata(random, `correlation-${n}`, occurredAt),
  };
};

function scheduled(random: Random): { stream: string; event: MeetingScheduled } {
  const meetingId = pick(random, MEETINGS);
  const data = {
    meetingId,
    panelCode: 'MARAC',
    scheduledFor: at(random),
    chair: 'Synthetic Chair',
    occurredAt: at(random),
  };
  return { stream: `meeting-${meetingId}`, event: { type: 'meeting-scheduled', data } };
}

interface World {
  readonly identity: IdentityWorld;
  disclosures: number;
}

/** One append of another context than the case log's: a single event, or one upload's. */
function contextAppend(random: Random, n: number, world: World): { stream: string; events: EventToAppend[] } {
  const roll = random();
  if (roll < 0.35) {
    const read = readEvent(random, randomUUID(), `correlation-${n}`);
    return { stream: read.stream, events: [read.event] };
  }
  if (roll < 0.4) {
    const upload = importEvents(random, n);
    return { stream: upload.stream, events: upload.events.map((event) => toAppend(random, n, event)) };
  }
  const one =
    roll < 0.7
      ? world.identity.event(random)
      : roll < 0.88
        ? disclosureEvent(random, world.disclosures++)
        : roll < 0.95
          ? dsaEvent(random)
          : scheduled(random);
  return { stream: one.stream, events: [toAppend(random, n, one.event)] };
}

/**
 * Appends about `count` events (the case log adds a whereabouts record now and then): about
 * two thirds case, person and meeting histories in runs of 30-120, the rest one context event
 * (or one upload) at a time between them.
 */
export async function appendMixedHistory(store: EventStore, count: number, random: Random): Promise<void> {
  const world: World = { identity: new IdentityWorld(), disclosures: 0 };
  for (let written = 0, n = 0; written < count; n++) {
    if (random() < 0.04) {
      const run = Math.min(count - written, 30 + Math.floor(random() * 90));
      await appendRandomCaseLog(store, run, random, { cases: CASES, meetingsSettled: true });
      written += run;
      continue;
    }
    const { stream, events } = contextAppend(random, n, world);
    await store.append(stream, events, { expected: 'any' });
    written += events.length;
  }
}
