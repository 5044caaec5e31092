import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import type { Principal } from '../../../platform/src/auth/principal';

/** A synthetic admin deciding reviews in identity command specs, and the context of each decision. */
export const ADMIN: Principal = { id: 'u-2', name: 'Synthetic Admin', agency: 'Council', roles: ['admin'], panels: [] };

export const adminContext = (): CommandContext => ({
  actor: { id: ADMIN.id, name: ADMIN.name, agency: ADMIN.agency, roles: [...ADMIN.roles] },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2024-06-02T10:00:00Z',
  now: '2024-06-02T10:00:00Z',
  eventId: () => randomUUID(),
});

/** What a decision (or query) answered: its HTTP status and rule, a rejection's kind and rule, or `accepted`. */
export const outcome = (decision: Promise<unknown>): Promise<string> =>
  decision.then(
    () => 'accepted',
    (error: unknown) => {
      if (error instanceof HttpException) {
        const body = error.getResponse() as { rule?: string };
        return `${error.getStatus()} ${body.rule ?? ''}`;
      }
      const rejection = error as { kind?: string; rule?: string };
      return `${rejection.kind} ${rejection.rule}`;
    },
  );
