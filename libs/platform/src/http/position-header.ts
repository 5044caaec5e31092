import type { Response } from 'express';

/** Command responses carry the global position in the body and as `X-Position` for read-your-writes. */
export function exposePosition(
  response: Response,
  position: bigint | undefined,
  revision?: bigint,
): string | undefined {
  if (revision !== undefined) response.setHeader('ETag', `"${revision.toString()}"`);
  if (position === undefined) return undefined;
  response.setHeader('X-Position', position.toString());
  return position.toString();
}
