import { randomBytes, randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../port/event-envelope';

/**
 * Test data for the event store contract. Every test works in categories of its own, because the
 * EventStoreDB run shares one server (and one global log) between all tests and test runs.
 */

/** A fresh lowercase category such as `t1a2b3c4d5e6`, so stream prefixes never collide. */
export function uniqueCategory(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

export function streamIn(category: string): string {
  return `${category}-${randomUUID()}`;
}

export function someMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const now = new Date().toISOString();
  return {
    actor: { id: 'user-7', name: 'Test Coordinator', agency: 'test-agency', roles: ['coordinator'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: now,
    recordedAt: now,
    schemaVersion: 1,
    ...overrides,
  };
}

/** The least metadata the port takes: one-letter values, so events stay small. */
export const LEAN_METADATA: EventMetadata = {
  actor: { id: 'u', name: 'n', agency: 'a', roles: [] },
  correlationId: 'c',
  causationId: 'c',
  occurredAt: 't',
  recordedAt: 't',
  schemaVersion: 1,
};

export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    id: randomUUID(),
    type: 'referral-made',
    data: { reason: 'test referral', score: 3, criteria: ['visible-high-risk'] },
    metadata: someMetadata(),
    ...overrides,
  };
}

/** `count` events sharing one command's metadata, as a command handler produces them. */
export function someEvents(count: number, type = 'referral-made'): EventToAppend[] {
  const metadata = someMetadata();
  return Array.from({ length: count }, (_, index) =>
    anEvent({ type, data: { reason: 'test referral', index }, metadata }),
  );
}
