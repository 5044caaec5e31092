import { Injectable } from '@nestjs/common';
import { RetryLaterException } from '../../../../platform/src/http/retry-later';

/**
 * How long a key claim whose person was never registered holds the key. A resolution claims a key
 * and registers the person in two appends, milliseconds apart; a process that dies between them
 * (a request cut off, a job never retried) leaves the claim naming nobody. Past this age the
 * claim is treated as abandoned and the next referral of that person claims the key itself. Far
 * above any real gap between the two appends, short enough that a referrer retrying is not lost.
 */
export const ABANDONED_CLAIM_AFTER_MS = 30_000;

/** The resolver's clock, a provider of its own so that a test can move it past the bound. */
@Injectable()
export class ResolutionClock {
  now(): number {
    return Date.now();
  }
}

/**
 * A live registration writes its person milliseconds after its claim, so a fresh claim is worth
 * retrying at once; one older than this is probably a dead process's, and the client is told to
 * come back when it is set aside instead of retrying every second until then.
 */
export const LIVE_CLAIM_MS = 5_000;

/**
 * A key held by a registration that may still be written: the client is told when to try again.
 * `retryAfterMs` is `msUntilTakeover` (claim-takeover.ts) of the youngest claim waited on, never
 * one set aside (those are taken over at once), so that claim is the bound less it old.
 */
export function keyHeldInFlight(retryAfterMs: number): RetryLaterException {
  const age = ABANDONED_CLAIM_AFTER_MS - retryAfterMs;
  const seconds = age < LIVE_CLAIM_MS ? 1 : Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new RetryLaterException(
    `this person is being registered by another referral; retry in ${seconds} s (an unfinished registration is set aside after ${ABANDONED_CLAIM_AFTER_MS / 1000} s)`,
    seconds,
  );
}
