import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';
import { claimAwaitingRegistration, msUntilTakeover } from './claim-takeover';
import type { KeyClaim } from './person-keys';

// Synthetic ids and times.
const claimedAt = Date.parse('2026-03-02T10:00:00Z');
const claim: KeyClaim = { personId: 'person-claimant', claimedAt, revision: 0n };
const nobodyRegistered = () => false;

describe('a key claim another referral meets', () => {
  it('is waited on when it names someone else never registered', () => {
    expect(claimAwaitingRegistration(claim, 'person-mine', nobodyRegistered)).toBe(true);
  });

  it('names the person to join once that person is registered', () => {
    expect(claimAwaitingRegistration(claim, 'person-mine', (id) => id === 'person-claimant')).toBe(false);
  });

  it('is not waited on by a retried job that wrote it before dying', () => {
    expect(claimAwaitingRegistration(claim, 'person-claimant', nobodyRegistered)).toBe(false);
  });

  it('is no claim on a free key', () => {
    expect(claimAwaitingRegistration(undefined, 'person-mine', nobodyRegistered)).toBe(false);
  });
});

describe('when a claim awaiting registration may be taken over', () => {
  it('is the bound after the claim was recorded, by the taker-over clock', () => {
    expect(msUntilTakeover(claim, false, claimedAt + 1_000)).toBe(ABANDONED_CLAIM_AFTER_MS - 1_000);
  });

  it('is now, not later, once the claim is exactly the bound old', () => {
    expect(msUntilTakeover(claim, false, claimedAt + ABANDONED_CLAIM_AFTER_MS)).toBe(0);
  });

  it('is at once when its registration was set aside already, however fresh the claim', () => {
    expect(msUntilTakeover(claim, true, claimedAt)).toBe(0);
  });
});
