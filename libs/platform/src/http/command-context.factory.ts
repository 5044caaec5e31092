import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toActor, type Principal } from '../auth/principal';

/** Builds a command's context from the verified principal and the request's correlation id. */
export function commandContextFor(
  principal: Principal,
  request: Request & { id?: unknown },
  occurredAt: string | undefined,
  now: Date = new Date(),
): CommandContext {
  const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
  const idempotencyKey = request.headers['idempotency-key'];
  return {
    actor: toActor(principal),
    correlationId,
    causationId: typeof idempotencyKey === 'string' && idempotencyKey !== '' ? idempotencyKey : correlationId,
    occurredAt: occurredAt ?? now.toISOString(),
    now: now.toISOString(),
    eventId: () => randomUUID(),
  };
}
