import { FORWARDS, START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { armReadDeadline } from './read-deadline';
import { commitPosition } from './recorded-events';

/**
 * Every event of $all with a commit position after `after` (all of them when undefined), system
 * events included, read in calls of `chunkSize` so that no single call runs into the deadline
 * and the server never streams far past what the caller wants. Stopping the iteration early
 * cancels the call in flight. Each call must finish within `deadlineMs`.
 */
export async function* readAllForwards(
  client: Pick<EventStoreDBClient, 'readAll'>,
  after: bigint | undefined,
  chunkSize: number,
  deadlineMs: number,
): AsyncGenerator<AllStreamResolvedEvent, void, undefined> {
  let checkpoint = after !== undefined && after >= 0n ? after : undefined;
  for (;;) {
    const read = client.readAll({
      direction: FORWARDS,
      // Inclusive on the server: the event at the checkpoint comes back first and is skipped.
      fromPosition: checkpoint === undefined ? START : { commit: checkpoint, prepare: checkpoint },
      maxCount: chunkSize,
    });
    let received = 0;
    const deadline = armReadDeadline(read, deadlineMs, 'readAll');
    try {
      for await (const resolved of read) {
        received++;
        const position = commitPosition(resolved);
        if (checkpoint !== undefined && position <= checkpoint) continue;
        checkpoint = position;
        yield resolved;
      }
    } finally {
      await deadline.end();
    }
    if (received < chunkSize) return;
  }
}
