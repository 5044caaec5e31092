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

/**
 * Gives an append a deadline. The client sends appends with `deadline: Infinity` too (it only asks
 * the server to respect its deadline), so on a black-holed connection an append would wait for
 * keep-alive, or for ever. Past the deadline the caller gets EventStoreUnavailableError: the
 * outcome is unknown, and a retry with the same event ids is idempotent, as the port promises.
 */
export async function withAppendDeadline<T>(append: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new EventStoreUnavailableError(
            `EventStoreDB append failed: no answer within ${ms} ms; the outcome is unknown, retry with the same event ids`,
          ),
        ),
      ms,
    );
  });
  // An append answered after its deadline is nobody's to handle: the caller was told unavailable.
  append.catch(() => undefined);
  try {
    return await Promise.race([append, expired]);
  } finally {
    clearTimeout(timer);
  }
}
