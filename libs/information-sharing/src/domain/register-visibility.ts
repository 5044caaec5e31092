import { agencyKey } from './moments';

/**
 * Whether a case worker of `agency` may know of this entry. A decision not to share stays with
 * the agency that made it: its reason (a victim in refuge, say) is often exactly what must not
 * reach the agency that asked, so the would-be recipient does not learn it exists.
 */
export function agencyMaySee(entry: { kind: string; fromAgency: string; toAgency: string }, agency: string): boolean {
  if (agencyKey(entry.fromAgency) === agencyKey(agency)) return true;
  return entry.kind === 'shared' && agencyKey(entry.toAgency) === agencyKey(agency);
}
