import type { Response } from 'express';
import { exposePosition } from '../../../platform/src/http/position-header';

/** Command responses: ids, the event types appended, revision and position (body and headers). */
export function commandResponse<T extends Record<string, unknown>>(
  response: Response,
  ids: T,
  outcome: { events: readonly string[]; revision: bigint; position: bigint | undefined },
) {
  const position = exposePosition(response, outcome.position, outcome.revision);
  return {
    ...ids,
    events: outcome.events,
    revision: Number(outcome.revision),
    position: position === undefined ? null : Number(position),
  };
}
