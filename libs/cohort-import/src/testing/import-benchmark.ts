/**
 * The import benchmark (`npm run bench:import`): a synthetic month-1 file and a churned month-2
 * file imported end to end into a fresh embedded store, against two baselines measured in the
 * same run: reading and checking the file only, and one raw durable append per row of the same
 * rows (what writing the file's rows to the log costs before any matching or deciding).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DeterministicPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import type { PersonResolver } from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { SqliteSynchronous } from '../../../event-store/src/sqlite/schema';
import { CohortImportService, type ImportReport } from '../application/cohort-import.service';
import { csvRecords } from '../application/csv-records';
import { checkFile } from '../domain';
import { eventIdsFor } from './deterministic-ids';
import { SyntheticCohort } from './synthetic-cohort';

export interface ImportBenchmarkOptions {
  readonly rows: number;
  readonly badShare?: number;
  readonly churn?: number;
  readonly synchronous?: SqliteSynchronous;
  /** The resolver to match with; the embedded deterministic resolver by default. */
  readonly resolver?: (store: EventStore) => PersonResolver;
  readonly log?: (line: string) => void;
}

export interface Measure {
  readonly name: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly events?: number;
}

export interface ImportBenchmarkResult {
  readonly measures: readonly Measure[];
  readonly month1: ImportReport['summary'];
  readonly month2: ImportReport['summary'];
}

const principal = {
  id: 'bench',
  name: 'Bench Coordinator',
  agency: 'Probation',
  roles: ['coordinator' as const],
  panels: ['IOM'],
};

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const measure = (name: string, rows: number, seconds: number, events?: number): Measure => ({
  name,
  rows,
  seconds,
  rowsPerSecond: rows / seconds,
  ...(events === undefined ? {} : { events }),
});

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  let from: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: 1_000 });
    count += page.length;
    const last = page[page.length - 1];
    if (last === undefined || page.length < 1_000) return count;
    from = last.position;
  }
}

export async function runImportBenchmark(options: ImportBenchmarkOptions): Promise<ImportBenchmarkResult> {
  const log = options.log ?? (() => undefined);
  const synchronous = options.synchronous ?? 'FULL';
  const cohort = new SyntheticCohort('bench-import');
  const march = cohort.people(options.rows);
  const marchCsv = cohort.csv(march, options.badShare ?? 0.01);
  const aprilCsv = cohort.csv(cohort.churn(march, options.churn ?? 0.05), options.badShare ?? 0.01);
  const dirs: string[] = [];
  const freshStore = (): SqliteEventStore => {
    const dir = mkdtempSync(join(tmpdir(), 'ccb-bench-import-'));
    dirs.push(dir);
    return SqliteEventStore.inDataDir(dir, { synchronous });
  };
  try {
    const measures: Measure[] = [];
    const parsed = await timed(() => checkFile(csvRecords(marchCsv), '2024-03'));
    measures.push(measure('read + check only (baseline)', parsed.value.rows.length, parsed.seconds));
    log(`read + check: ${parsed.seconds.toFixed(2)} s`);

    const raw = freshStore();
    try {
      const ids = eventIdsFor({ raw: true });
      const rows = parsed.value.rows;
      const appended = await timed(async () => {
        for (const [index, row] of rows.entries()) {
          await raw.append(
            `benchrow-${index}`,
            [
              {
                id: ids(`row-${index}`),
                type: 'cohort-row-recorded',
                data: row,
                metadata: {
                  actor: principal,
                  correlationId: 'bench',
                  causationId: 'bench',
                  occurredAt: '2024-03-05T09:00:00.000Z',
                  recordedAt: new Date().toISOString(),
                  schemaVersion: 1,
                },
              },
            ],
            { expected: 'no-stream' },
          );
        }
      });
      measures.push(measure('one raw append per row (baseline)', rows.length, appended.seconds, rows.length));
      log(`raw appends: ${appended.seconds.toFixed(2)} s`);
    } finally {
      await raw.close();
    }

    const store = freshStore();
    try {
      const service = new CohortImportService(
        store,
        (options.resolver ?? ((s: EventStore) => new DeterministicPersonResolver(s)))(store),
      );
      const importMonth = async (month: string, csv: string) => {
        const input = { month, csv, receivedAt: `${month}-05T09:00:00.000Z` };
        return service.run(input, {
          principal,
          correlationId: `bench-${month}`,
          eventIdFor: eventIdsFor(input),
          progress: async (done, total) => log(`  ${month}: ${done}/${total} rows`),
        });
      };
      const first = await timed(() => importMonth('2024-03', marchCsv));
      const afterFirst = await countEvents(store);
      measures.push(measure('import month 1 (empty store)', first.value.summary.rows, first.seconds, afterFirst));
      const second = await timed(() => importMonth('2024-04', aprilCsv));
      const afterSecond = await countEvents(store);
      measures.push(
        measure(
          'import month 2 (churn, compared)',
          second.value.summary.rows,
          second.seconds,
          afterSecond - afterFirst,
        ),
      );
      const again = await timed(() => importMonth('2024-04', aprilCsv));
      const afterAgain = await countEvents(store);
      measures.push(
        measure('month 2 uploaded again (no-op)', again.value.summary.rows, again.seconds, afterAgain - afterSecond),
      );
      return { measures, month1: first.value.summary, month2: second.value.summary };
    } finally {
      await store.close();
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
