import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../libs/event-store/src/port/event-envelope';

/**
 * Benchmark payloads shaped like the system's events (a referral with a short summary, metadata
 * with a full actor) so JSON and index sizes are realistic: ~250 bytes of data, ~300 of metadata.
 */
const CRITERIA = ['visible-high-risk', 'repeat-incident', 'professional-judgement', 'escalation'];

export function commandMetadata(): EventMetadata {
  const now = new Date().toISOString();
  return {
    actor: { id: randomUUID(), name: 'Benchmark Coordinator', agency: 'west-police', roles: ['coordinator'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: now,
    recordedAt: now,
    schemaVersion: 1,
  };
}

export function referralEvent(sequence: number, metadata: EventMetadata = commandMetadata()): EventToAppend {
  return {
    id: randomUUID(),
    type: 'referral-made',
    data: {
      personId: `person-${sequence % 10_007}`,
      referringAgency: 'west-police',
      criteria: [CRITERIA[sequence % CRITERIA.length], CRITERIA[(sequence + 1) % CRITERIA.length]],
      riskLevel: sequence % 3 === 0 ? 'high' : 'medium',
      summary: 'Referral after a reported incident; agencies to review shared information before the panel meets.',
      sequence,
    },
    metadata,
  };
}

/**
 * Events as commands produce them: every `eventsPerCommand` consecutive events share one
 * command's metadata. `eventsPerCommand = 1` gives every event distinct metadata (worst case
 * for the embedded store's metadata de-duplication on read).
 */
export function commandEvents(count: number, firstSequence: number, eventsPerCommand: number): EventToAppend[] {
  const events: EventToAppend[] = [];
  let metadata = commandMetadata();
  for (let i = 0; i < count; i++) {
    if (i % eventsPerCommand === 0) metadata = commandMetadata();
    events.push(referralEvent(firstSequence + i, metadata));
  }
  return events;
}
