import type { EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionLag } from '../../platform/src/health/projection-lag';
import type { ProjectionInstance } from './projection-instance';

/** A failed version also says why, so an operator reading /ready need not search the logs. */
export interface ProjectionLagReport extends ProjectionLag {
  readonly error?: string;
}

/**
 * Lag of each version behind `head`. Events: the distance in positions, exact on the gap-free
 * embedded log. Seconds: how long the oldest event not yet processed has been in the log (by its
 * `recordedAt`), which is what a user waiting for a view experiences; 0 when caught up.
 */
export async function lagReport(
  instances: readonly ProjectionInstance[],
  head: bigint,
  store: EventStore,
  now: Date,
): Promise<ProjectionLagReport[]> {
  const ageAfter = new Map<bigint, Promise<number>>();
  const secondsBehind = (checkpoint: bigint): Promise<number> => {
    // Versions at the same checkpoint share one read.
    let age = ageAfter.get(checkpoint);
    if (age === undefined) {
      age = oldestUnprocessedAge(store, checkpoint, now);
      ageAfter.set(checkpoint, age);
    }
    return age;
  };
  return Promise.all(
    instances.map(async (instance) => {
      const behind = head > instance.checkpoint ? head - instance.checkpoint : 0n;
      return {
        name: instance.name,
        version: instance.version,
        position: instance.checkpoint.toString(),
        lagEvents: Number(behind),
        lagSeconds: behind === 0n ? 0 : await secondsBehind(instance.checkpoint),
        state: instance.state,
        ...(instance.failure === undefined ? {} : { error: instance.failure.message }),
      };
    }),
  );
}

async function oldestUnprocessedAge(store: EventStore, checkpoint: bigint, now: Date): Promise<number> {
  const [next] = await store.readAll({ fromPosition: checkpoint, maxCount: 1 });
  if (next === undefined) return 0;
  const recordedAt = Date.parse(next.metadata.recordedAt);
  if (Number.isNaN(recordedAt)) return 0;
  return Math.max(0, Math.round(now.getTime() - recordedAt) / 1000);
}
