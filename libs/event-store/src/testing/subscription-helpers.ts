import type { RecordedEvent } from '../port/event-envelope';
import type { Subscription } from '../port/event-store';

/**
 * Pulls exactly `count` events from a subscription, failing after `timeoutMs`; the subscription
 * stays open so a test can go on pulling live events from the same iterator.
 */
export async function take(
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
  timeoutMs = 5_000,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < count) {
    const next = await withTimeout(
      iterator.next(),
      deadline - Date.now(),
      () => `timed out after ${received.length} of ${count} events`,
    );
    if (next.done === true) throw new Error(`subscription ended after ${received.length} of ${count} events`);
    received.push(next.value);
  }
  return received;
}

/** Asserts that nothing more arrives within `quietMs` (for filters); closes the subscription. */
export async function expectNothingMore(subscription: Subscription, quietMs = 300): Promise<void> {
  const iterator = subscription[Symbol.asyncIterator]();
  const pending = iterator.next();
  const outcome = await Promise.race([
    pending.then((next) =>
      next.done === true ? 'ended' : `unexpected event ${next.value.type} in ${next.value.stream}`,
    ),
    new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), quietMs)),
  ]);
  await subscription.close();
  if (outcome !== 'quiet' && outcome !== 'ended') throw new Error(outcome);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), Math.max(ms, 0));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
