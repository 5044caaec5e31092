import { createHash } from 'node:crypto';

/** The same pair always gets the same review id, so a rejected pair is never proposed again. */
export function proposalIdFor(a: string, b: string): string {
  const hex = createHash('sha256').update([a, b].sort().join('|')).digest('hex');
  // UUID-shaped (version 4 and RFC variant bits) so routes can validate it like every other id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
