import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context';

/** A synthetic coordinator's command context at `at`, with fresh correlation and event ids: for specs that append through handlers. */
export const coordinatorContext = (at: string): CommandContext => ({
  actor: { id: 'coordinator-1', name: 'Casey Coordinator', agency: 'Test', roles: ['coordinator'] },
  correlationId: randomUUID(),
  causationId: 'cause-1',
  occurredAt: at,
  now: at,
  eventId: () => randomUUID(),
});
