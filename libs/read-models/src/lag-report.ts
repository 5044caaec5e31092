import { countEventsAfter } from '../../event-store/src/port/event-count';
import type { EventCount, EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionLag } from '../../platform/src/health/projection-lag';
import type { ProjectionInstance } from './projection-instance';

/**
 * A failed version also says why, enough for an operator reading /ready to act: the projection,
 * the position and the event's type, never its stream or id (see `reportedFailure`).
 */
export interface ProjectionLagReport extends ProjectionLag {
  readonly error?: string;
}

/**
 * Events counted behind a checkpoint before /ready gives up and says "more than this": it is
 * polled, and on EventStoreDB counting means reading the events.
 */
export const LAG_EVENTS_CAP = 1_000;

/**
 * What the last report read, for the next: /ready is polled, and on EventStoreDB counting the
 * events behind a checkpoint reads them (up to LAG_EVENTS_CAP + 1 each time). While neither the
 * checkpoint nor the head moves, the count cannot change; and the first event after a checkpoint,
 * once there, is always the same one. Only what the last report used is kept.
 */
export class LagReadings {
  private counts = new Map<string, Promise<EventCount>>();
  private firsts = new Map<bigint, Promise<number | undefined>>();

  /** The reads of one report against `head`: shared by versions at one checkpoint, and kept from the last where nothing moved. */
  begin(store: EventStore, head: bigint) {
    const counts = new Map<string, Promise<EventCount>>();
    const firsts = new Map<bigint, Promise<number | undefined>>();
    const [countedBefore, firstsBefore] = [this.counts, this.firsts];
    [this.counts, this.firsts] = [counts, firsts];
    return {
      eventsAfter: (checkpoint: bigint) =>
        kept(counts, countedBefore, `${checkpoint.toString()}@${head.toString()}`, () =>
          countEventsAfter(store, checkpoint, LAG_EVENTS_CAP),
        ),
      /** When the first event after `checkpoint` was recorded (epoch ms); undefined while there is none (or no date). */
      firstRecordedAfter: (checkpoint: bigint) =>
        kept(firsts, firstsBefore, checkpoint, () => firstRecordedAfter(store, checkpoint)),
    };
  }
}

/** `key`'s read in this report: the last report's if it made it, else read now; a failed or empty read is not kept. */
function kept<K, T>(now: Map<K, Promise<T>>, before: Map<K, Promise<T>>, key: K, read: () => Promise<T>) {
  let result = now.get(key) ?? before.get(key);
  if (result === undefined) {
    result = read();
    const forget = () => {
      now.delete(key);
    };
    result.then((value) => {
      if (value === undefined) forget();
    }, forget);
  }
  now.set(key, result);
  return result;
}

/**
 * Lag of each version behind `head`. Events: the events after its checkpoint, counted by the
 * store (positions are byte offsets on EventStoreDB), at most LAG_EVENTS_CAP, past which
 * `lagEventsCapped` says the true figure is larger. A version at the head costs no read. Seconds: how long the oldest event not yet processed has been in the log (by its
 * `recordedAt`), which is what a user waiting for a view experiences; 0 when caught up.
 * `readings` keeps what one report read for the next (see LagReadings).
 */
export async function lagReport(
  instances: readonly ProjectionInstance[],
  head: bigint,
  store: EventStore,
  now: Date,
  readings = new LagReadings(),
): Promise<ProjectionLagReport[]> {
  const read = readings.begin(store, head);
  return Promise.all(
    instances.map(async (instance) => {
      const behind = head > instance.checkpoint;
      const events: EventCount = behind ? await read.eventsAfter(instance.checkpoint) : { count: 0, capped: false };
      const recordedAt = behind ? await read.firstRecordedAfter(instance.checkpoint) : undefined;
      return {
        name: instance.name,
        version: instance.version,
        position: instance.checkpoint.toString(),
        lagEvents: events.count,
        ...(events.capped ? { lagEventsCapped: true } : {}),
        lagSeconds: recordedAt === undefined ? 0 : Math.max(0, Math.round(now.getTime() - recordedAt) / 1000),
        state: instance.state,
        ...(instance.failure === undefined ? {} : { error: instance.failure.message }),
      };
    }),
  );
}

async function firstRecordedAfter(store: EventStore, checkpoint: bigint): Promise<number | undefined> {
  const [next] = await store.readAll({ fromPosition: checkpoint, maxCount: 1 });
  if (next === undefined) return undefined;
  const recordedAt = Date.parse(next.metadata.recordedAt);
  return Number.isNaN(recordedAt) ? undefined : recordedAt;
}
