import type { Readable } from 'node:stream';
import { EventStoreUnavailableError } from '../port/errors';

/** The client's default deadline (`defaultDeadline`), used when none is configured. */
export const CLIENT_DEFAULT_DEADLINE_MS = 10_000;

/**
 * Gives a read call a deadline, returning what disarms it. The client sends reads with no
 * deadline whatever it is asked (readAll and readStream pass `deadline: Infinity`, which beats the
 * per-call option and `defaultDeadline`), so on a black-holed connection a read would wait until
 * keep-alive drops the channel, or for ever with keep-alive off. When the time is up the call is
 * cancelled, without waiting for the cancellation (it waits for a connection that may never come),
 * and the iteration fails with EventStoreUnavailableError.
 */
export function armReadDeadline(read: CancellableRead, ms: number, operation: string): ReadDeadline {
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    Promise.resolve()
      .then(() => read.cancel())
      .catch(() => undefined);
    read.destroy(new EventStoreUnavailableError(`EventStoreDB ${operation} failed: no answer within ${ms} ms`));
  }, ms);
  return {
    async end(): Promise<void> {
      clearTimeout(timer);
      if (!expired) await read.cancel();
    },
  };
}

export type CancellableRead = Readable & { cancel(): Promise<void> };

export interface ReadDeadline {
  /** Disarms the deadline and cancels the call (a call past its deadline is cancelled already). */
  end(): Promise<void>;
}
