/**
 * Whether a register entry opens anything now, and if not, why. The register's `open` and what a
 * disclosure opens on a case or person view are this one rule, so the register never says
 * "open" for an entry the case view has closed (review s14, finding 4).
 */
import { momentOf } from './moments';
import { dsaInForceAt, wasPartyAt, type DsaState } from './sharing-agreement';

/** What of an entry decides whether it is open; who reads it (`toUser`) is the caller's question. */
export interface EntryTerms {
  readonly kind: 'shared' | 'withheld';
  readonly toAgency: string;
  readonly occurredAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/**
 * Why an entry opens nothing now, the first that applies: a decision not to share never opened
 * anything; a revocation or `expiresAt` closes it by its own terms; one dated later than now has not
 * happened; otherwise its agreement decides (gone from the register, expired, outside its dates, or
 * no longer naming the recipient).
 */
export type ClosedBy =
  | 'withheld'
  | 'revoked'
  | 'not-yet-occurred'
  | 'expired'
  | 'dsa-unknown'
  | 'dsa-expired'
  | 'dsa-not-in-force'
  | 'recipient-left-dsa';

/** Null while the entry is open at `at`; else why not. `dsa` is its agreement as it stands now. */
export function closedBy(entry: EntryTerms, dsa: DsaState | null, at: Date): ClosedBy | null {
  if (entry.kind === 'withheld') return 'withheld';
  if (entry.revokedAt !== null) return 'revoked';
  const now = at.getTime();
  if (momentOf(entry.occurredAt) > now) return 'not-yet-occurred';
  if (entry.expiresAt !== null && now >= momentOf(entry.expiresAt)) return 'expired';
  if (dsa === null || !dsa.exists) return 'dsa-unknown';
  const instant = at.toISOString();
  if (!dsaInForceAt(dsa, instant))
    return dsa.expiredAt !== null && now >= momentOf(dsa.expiredAt) ? 'dsa-expired' : 'dsa-not-in-force';
  if (!wasPartyAt(dsa, entry.toAgency, instant)) return 'recipient-left-dsa';
  return null;
}
