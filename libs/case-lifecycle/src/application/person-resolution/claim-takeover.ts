import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';
import type { KeyClaim } from './person-keys';

/**
 * Whether a key's claim names a person who may never be registered: someone other than the
 * resolution's own person (a retried job does not wait on the claim it wrote before dying) and not
 * registered since. Only such a claim is waited on and, once abandoned, taken over; any other
 * claim names the person to join.
 */
export function claimAwaitingRegistration(
  claim: KeyClaim | undefined,
  ownPersonId: string,
  isRegistered: (personId: string) => boolean,
): claim is KeyClaim {
  return claim !== undefined && claim.personId !== ownPersonId && !isRegistered(claim.personId);
}

/**
 * How long until a claim awaiting registration may be taken over: at once (0) when its person's
 * registration was set aside already, else when the claim is `ABANDONED_CLAIM_AFTER_MS` old by the
 * taker-over's clock. A clock running ahead only sets a live claim aside early, which the
 * conditional appends make harmless (the claimant's registration then fails and it resolves again).
 */
export function msUntilTakeover(claim: KeyClaim, registrationSetAside: boolean, now: number): number {
  return registrationSetAside ? 0 : claim.claimedAt + ABANDONED_CLAIM_AFTER_MS - now;
}
