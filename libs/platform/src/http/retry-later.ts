import { ServiceUnavailableException } from '@nestjs/common';

/**
 * A 503 that knows when the client may usefully come back (a claim set aside after a known age, say):
 * the problem filter sends that as `Retry-After` instead of its default second, so a client that
 * honours the header does not hammer a wait it cannot shorten.
 */
export class RetryLaterException extends ServiceUnavailableException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** The error contract's rule, for a client to tell this wait from another 503. */
    rule?: string,
  ) {
    super(rule === undefined ? message : { message, rule });
  }
}
