/**
 * A trail page's `next`: `<after>-<through>`, the position the next page starts after and the log
 * position the walk's first page was read up to. Reading a person's or a case's trail is itself
 * recorded under them, so a walk bounded anew by each page's head found the previous page's read
 * as its next entry and never ended; carrying the first page's bound ends it. A bare position (a
 * `next` given before the bound was carried) is accepted and bounded where it is read.
 */
export interface TrailCursor {
  readonly after: bigint;
  readonly through?: bigint;
}

export const TRAIL_CURSOR = /^(\d{1,19})(?:-(\d{1,19}))?$/;

/** Undefined when `text` is no cursor (the route's rule refuses it first). */
export function parseTrailCursor(text: string): TrailCursor | undefined {
  const match = TRAIL_CURSOR.exec(text);
  if (match === null) return undefined;
  const [, after, through] = match;
  return { after: BigInt(after as string), ...(through === undefined ? {} : { through: BigInt(through) }) };
}

export const trailCursor = (after: string, through: bigint): string => `${after}-${through.toString()}`;
