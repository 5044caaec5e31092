import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { ProjectionDefinition } from '../projection-definition';
import { appendRandomEvents, seededRandom } from './random-log';
import { categoryTotalsProjection, sampleProjections, streamTotalsProjection } from './sample-projections';
import { measureReadAll, measureRebuild, type Throughput } from './throughput';

export interface BenchmarkRow {
  readonly label: string;
  /** Best raw `readAll` rate over several page sizes: the reference. */
  readonly readAll: Throughput;
  /** Best of the rebuild runs. */
  readonly rebuild: Throughput;
  /** rebuild / readAll, by wall clock and by CPU time. */
  readonly ratio: number;
  readonly cpuRatio: number;
}

const NOTHING: ProjectionDefinition = { name: 'nothing', version: 1, migrate: () => undefined, apply: () => undefined };

/** Seeds a synthetic log of `events` events (for a fresh store) over `streams` streams per category. */
export async function seedBenchmarkLog(store: EventStore, events: number, streams = 5_000): Promise<void> {
  await appendRandomEvents(store, events, seededRandom(1), { streams });
}

/**
 * Rebuild rate against raw `readAll` for a range of projection costs: none (the runtime's own
 * overhead), one upsert on a tiny table, one upsert on a table with a row per stream, and three
 * projections at once. Best of `runs`, to damp a busy machine.
 */
export async function projectionBenchmark(store: EventStore, workDir: string, runs = 3): Promise<BenchmarkRow[]> {
  mkdirSync(workDir, { recursive: true });
  const cases: [string, readonly ProjectionDefinition[]][] = [
    ['no-op projection', [NOTHING]],
    ['category_totals', [categoryTotalsProjection()]],
    ['stream_totals', [streamTotalsProjection()]],
    ['all samples at once', sampleProjections()],
  ];
  await measureReadAll(store); // warm the page cache
  const rows: BenchmarkRow[] = [];
  for (const [label, projections] of cases) {
    const reads: Throughput[] = [];
    const rebuilds: Throughput[] = [];
    for (let run = 0; run < runs; run++) {
      for (const pageSize of [250, 1_000, 2_000]) reads.push(await measureReadAll(store, pageSize));
      rebuilds.push(await measureRebuild(store, join(workDir, 'benchmark-read-models.sqlite'), projections));
    }
    const readAll = fastest(reads);
    const rebuild = fastest(rebuilds);
    rows.push({
      label,
      readAll,
      rebuild,
      ratio: rebuild.eventsPerSecond / readAll.eventsPerSecond,
      cpuRatio: rebuild.eventsPerCpuSecond / readAll.eventsPerCpuSecond,
    });
  }
  return rows;
}

function fastest(results: readonly Throughput[]): Throughput {
  return results.reduce((best, result) => (result.eventsPerSecond > best.eventsPerSecond ? result : best));
}

export function formatBenchmark(rows: readonly BenchmarkRow[]): string {
  return rows
    .map(
      (row) =>
        `${row.label.padEnd(22)} readAll ${row.readAll.eventsPerSecond.toLocaleString('en-GB')} ev/s, ` +
        `rebuild ${row.rebuild.eventsPerSecond.toLocaleString('en-GB')} ev/s, ratio ${row.ratio.toFixed(2)} ` +
        `(CPU ratio ${row.cpuRatio.toFixed(2)})`,
    )
    .join('\n');
}
