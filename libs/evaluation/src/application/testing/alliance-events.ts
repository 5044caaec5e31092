/** Synthetic Alliance case events as the log holds them, for feeding replays in specs. */
import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import { addHours } from '../../../../case-lifecycle/src/domain/calendar';
import type { ReplayConsumer } from '../replay-log';

// Synthetic children and engagements only.
let position = 0n;
export function event(caseId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1n;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    stream: `case-${caseId}`,
    type,
    data,
    metadata: {
      actor: { id: 'u-1', name: 'Synthetic Worker', agency: 'Haringey Council', roles: ['coordinator'] },
      correlationId: 'c',
      causationId: 'c',
      occurredAt: typeof data.occurredAt === 'string' ? data.occurredAt : '2020-11-01T00:00:00Z',
      recordedAt: '2020-11-01T00:00:00Z',
      schemaVersion: 1,
    },
    revision: 0n,
    position,
  };
}

export const PERIOD = { from: '2020-11-01', to: '2020-11-30' };

export function engage(
  caseId: string,
  at: string,
  extra: { knownToYos?: boolean | null; personId?: string; outcome?: string; outcomeAt?: string } = {},
): RecordedEvent[] {
  const engagementId = `eng-${caseId}`;
  const events = [
    event(caseId, 'referral-made', {
      caseId,
      personId: extra.personId ?? `person-${caseId}`,
      occurredAt: at,
      details: { kind: 'alliance' },
    }),
    event(caseId, 'alliance-engagement-recorded', {
      engagementId,
      custodySuite: 'Wood Green',
      ageAtEngagement: 15,
      residenceBorough: 'Haringey',
      knownToYos: extra.knownToYos ?? null,
      occurredAt: at,
      followUpDueAt: addHours(at, 48),
    }),
  ];
  if (extra.outcome !== undefined) {
    events.push(
      event(caseId, 'alliance-engagement-outcome-recorded', {
        engagementId,
        outcome: extra.outcome,
        previousOutcome: null,
        followUpDueAt: null,
        occurredAt: extra.outcomeAt ?? at,
      }),
    );
  }
  return events;
}

export const yosCheck = (caseId: string, knownToYos: boolean | null, previous: boolean | null, occurredAt: string) =>
  event(caseId, 'alliance-known-to-yos-recorded', {
    engagementId: `eng-${caseId}`,
    knownToYos,
    previous,
    reason: 'Checked with the YOS duty officer',
    occurredAt,
  });

/** Feeds events to a consumer as `replayLog` does: only the types it asks for. */
export function replay(consumer: ReplayConsumer, events: readonly RecordedEvent[]): void {
  const wanted = new Set(consumer.eventTypes);
  for (const e of events) if (wanted.has(e.type)) consumer.apply(e);
}
