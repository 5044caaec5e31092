import { rmSync } from 'node:fs';
import { countEventsThrough } from '../../../event-store/src/port/event-count';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { ProjectionDefinition } from '../projection-definition';
import { DEFAULT_PAGE_SIZE, ProjectorRuntime } from '../projector-runtime';
import { openReadModelDatabase } from '../read-model-schema';

/**
 * Figures for a benchmark script (`npm run bench:projections`); not for timed assertions in
 * tests. CPU seconds are reported beside wall-clock seconds because on a shared machine they
 * are the steadier basis for a ratio; wall time also counts fsync waits.
 */
export interface Throughput {
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
  readonly eventsPerCpuSecond: number;
}

interface Stopwatch {
  readonly wall: number;
  readonly cpu: NodeJS.CpuUsage;
}

function startWatch(): Stopwatch {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function throughput(events: number, watch: Stopwatch): Throughput {
  const seconds = (performance.now() - watch.wall) / 1000;
  const cpu = process.cpuUsage(watch.cpu);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    events,
    seconds,
    cpuSeconds,
    eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events,
    eventsPerCpuSecond: cpuSeconds > 0 ? Math.round(events / cpuSeconds) : events,
  };
}

/** The raw rate of paging through the whole log with `readAll`: the ceiling for any projector. */
export async function measureReadAll(store: EventStore, pageSize = DEFAULT_PAGE_SIZE): Promise<Throughput> {
  const watch = startWatch();
  let after = -1n;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, maxCount: pageSize });
    const last = page[page.length - 1];
    if (last === undefined) break;
    events += page.length;
    after = last.position;
  }
  return throughput(events, watch);
}

/** A rebuild from scratch of `projections` into a new read-model file at `filename` (deleted first). */
export async function measureRebuild(
  store: EventStore,
  filename: string,
  projections: readonly ProjectionDefinition[],
  sizes: { readonly batchSize?: number; readonly pageSize?: number } = {},
): Promise<Throughput> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  const database = openReadModelDatabase(filename);
  try {
    const runtime = new ProjectorRuntime({ store, database, projections, ...sizes });
    const events = await countEventsThrough(store, await store.headPosition());
    const watch = startWatch();
    await runtime.rebuild();
    return throughput(events, watch);
  } finally {
    database.close();
  }
}
