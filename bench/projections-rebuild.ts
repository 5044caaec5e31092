/**
 * Part (a) of the projections benchmark: a rebuild of every registered projection from the
 * start of the log, against the raw `readAll` rate of the same store measured in the same run.
 */
import { rmSync } from 'node:fs';
import type { EventStore } from '../libs/event-store/src/port/event-store';
import type { ProjectionDefinition } from '../libs/read-models/src/projection-definition';
import { DEFAULT_PAGE_SIZE, ProjectorRuntime } from '../libs/read-models/src/projector-runtime';
import { openReadModelDatabase } from '../libs/read-models/src/read-model-schema';

export interface Rate {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly eventsPerCpuSecond: number;
}

export interface MemoryPeak {
  /** Highest resident set size sampled during the rebuild, MiB. */
  readonly rssMiB: number;
  /** Highest V8 heap in use sampled during the rebuild, MiB. */
  readonly heapMiB: number;
  /** Before the rebuild started, for comparison. */
  readonly rssBeforeMiB: number;
  readonly heapBeforeMiB: number;
}

export interface RebuildResult {
  readonly projections: readonly string[];
  /** Raw `readAll` in the runtime's page size, before and after the rebuild; the faster is the baseline. */
  readonly readAll: Rate;
  readonly readAllRuns: readonly Rate[];
  readonly rebuild: Rate;
  readonly ratio: number;
  readonly cpuRatio: number;
  readonly memory: MemoryPeak;
}

const MiB = 1024 * 1024;

async function timed(events: () => Promise<number>): Promise<Rate> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const count = await events();
  const seconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    events: count,
    seconds,
    eventsPerSecond: count / seconds,
    eventsPerCpuSecond: cpuSeconds > 0 ? count / cpuSeconds : count,
  };
}

/** Pages through the whole log as the runtime does (same page size), touching nothing else. */
export function measureReadAll(store: EventStore, pageSize = DEFAULT_PAGE_SIZE): Promise<Rate> {
  return timed(async () => {
    let after = -1n;
    let events = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: after, maxCount: pageSize });
      const last = page[page.length - 1];
      if (last === undefined) return events;
      events += page.length;
      after = last.position;
    }
  });
}

/** Samples memory while `run` goes; the runtime yields between pages, so the timer gets its turns. */
async function withMemoryPeak<T>(run: () => Promise<T>): Promise<[T, MemoryPeak]> {
  global.gc?.();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 25);
  try {
    const result = await run();
    sample();
    return [
      result,
      { rssMiB: rss / MiB, heapMiB: heap / MiB, rssBeforeMiB: before.rss / MiB, heapBeforeMiB: before.heapUsed / MiB },
    ];
  } finally {
    clearInterval(timer);
  }
}

/** Rebuilds `projections` from scratch into a new read-model file at `filename` (removed first). */
export async function measureProjectionRebuild(
  store: EventStore,
  filename: string,
  projections: readonly ProjectionDefinition[],
): Promise<RebuildResult> {
  const before = await measureReadAll(store);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  const database = openReadModelDatabase(filename);
  let rebuild: Rate;
  let memory: MemoryPeak;
  try {
    const runtime = new ProjectorRuntime({ store, database, projections });
    const events = Number((await store.headPosition()) + 1n);
    [rebuild, memory] = await withMemoryPeak(() =>
      timed(async () => {
        const statuses = await runtime.rebuild();
        const failed = statuses.filter((status) => status.error !== undefined);
        if (failed.length > 0) {
          throw new Error(`rebuild failed: ${failed.map((s) => `${s.name} v${s.version}: ${s.error}`).join('; ')}`);
        }
        return events;
      }),
    );
  } finally {
    database.close();
  }
  const after = await measureReadAll(store);
  const readAll = before.eventsPerSecond >= after.eventsPerSecond ? before : after;
  return {
    projections: projections.map((p) => `${p.name} v${p.version}`),
    readAll,
    readAllRuns: [before, after],
    rebuild,
    ratio: rebuild.eventsPerSecond / readAll.eventsPerSecond,
    cpuRatio: rebuild.eventsPerCpuSecond / readAll.eventsPerCpuSecond,
    memory,
  };
}
