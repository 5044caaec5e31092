import { countEventsAfter } from '../../event-store/src/port/event-count';
import type { EventCount, EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionLag } from '../../platform/src/health/projection-lag';
import type { ProjectionInstance } from './projection-instance';

/** A failed version also says why, so an operator reading /ready need not search the logs. */
export interface ProjectionLagReport extends ProjectionLag {
  readonly error?: string;
}

/**
 * Events counted behind a checkpoint before /ready gives up and says "more than this": it is
 * polled, and on EventStoreDB counting means reading the events.
 */
export const LAG_EVENTS_CAP = 1_000;

/**
 * Lag of each version behind `head`. Events: the events after its checkpoint, counted by the
 * store (positions are byte offsets on EventStoreDB), at most LAG_EVENTS_CAP, past which
 * `lagEventsCapped` says the true figure is larger. A version at the head costs no read. Seconds: how long the oldest event not yet processed has been in the log (by its
 * `recordedAt`), which is what a user waiting for a view experiences; 0 when caught up.
 */
export async function lagReport(
  instances: readonly ProjectionInstance[],
  head: bigint,
  store: EventStore,
  now: Date,
): Promise<ProjectionLagReport[]> {
  // Versions at the same checkpoint share one count and one read.
  const secondsBehind = sharedPer((checkpoint) => oldestUnprocessedAge(store, checkpoint, now));
  const eventsBehind = sharedPer((checkpoint) => countEventsAfter(store, checkpoint, LAG_EVENTS_CAP));
  return Promise.all(
    instances.map(async (instance) => {
      const behind = head > instance.checkpoint;
      const events: EventCount = behind ? await eventsBehind(instance.checkpoint) : { count: 0, capped: false };
      return {
        name: instance.name,
        version: instance.version,
        position: instance.checkpoint.toString(),
        lagEvents: events.count,
        ...(events.capped ? { lagEventsCapped: true } : {}),
        lagSeconds: behind ? await secondsBehind(instance.checkpoint) : 0,
        state: instance.state,
        ...(instance.failure === undefined ? {} : { error: instance.failure.message }),
      };
    }),
  );
}

function sharedPer<T>(compute: (checkpoint: bigint) => Promise<T>): (checkpoint: bigint) => Promise<T> {
  const computed = new Map<bigint, Promise<T>>();
  return (checkpoint) => {
    let result = computed.get(checkpoint);
    if (result === undefined) {
      result = compute(checkpoint);
      computed.set(checkpoint, result);
    }
    return result;
  };
}

async function oldestUnprocessedAge(store: EventStore, checkpoint: bigint, now: Date): Promise<number> {
  const [next] = await store.readAll({ fromPosition: checkpoint, maxCount: 1 });
  if (next === undefined) return 0;
  const recordedAt = Date.parse(next.metadata.recordedAt);
  if (Number.isNaN(recordedAt)) return 0;
  return Math.max(0, Math.round(now.getTime() - recordedAt) / 1000);
}
