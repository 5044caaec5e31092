import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../../command-handling/src/command-context';

/** A coordinator's command with fresh ids each time, as the API gives them. */
export const freshContext = (): CommandContext => ({
  actor: { id: 'u-1', name: 'Tester', agency: 'Test', roles: ['coordinator'] },
  correlationId: randomUUID(),
  causationId: 'cause-1',
  occurredAt: '2024-01-01T00:00:00.000Z',
  now: '2024-01-02T00:00:00.000Z',
  eventId: () => randomUUID(),
});
