import type { EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectorRuntime, type ProjectionStatus, type RuntimeLog } from './projector-runtime';
import { openReadModelDatabase, readModelFile } from './read-model-schema';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly dataDir: string;
  readonly projections: readonly ProjectionDefinition[];
  /** Only this projection; all registered ones when omitted. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly log?: RuntimeLog;
}

export interface RebuildReport {
  readonly projections: readonly ProjectionStatus[];
  /** Events in the log when the rebuild started: how many each rebuilt projection replayed. */
  readonly events: number;
  readonly seconds: number;
}

/**
 * Drops and replays read models in `<dataDir>/read-models.sqlite`. Meant for a stopped
 * application: a running one would notice its checkpoints moved and reload, but would have
 * served empty views meanwhile. To rebuild without downtime, bump the projection's version.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const database = openReadModelDatabase(readModelFile(options.dataDir));
  try {
    const runtime = new ProjectorRuntime({
      store: options.store,
      database,
      projections: options.projections,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    const head = await options.store.headPosition();
    const started = performance.now();
    const projections = await runtime.rebuild(options.name);
    return { projections, events: Number(head + 1n), seconds: (performance.now() - started) / 1000 };
  } finally {
    database.close();
  }
}
