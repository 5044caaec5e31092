/**
 * Monthly IOM core-cohort import benchmark: `npm run bench:import`.
 *   BENCH_ROWS          rows in the month-1 file (default 50,000; ~1% bad rows, 5% churn in month 2)
 *   SQLITE_SYNCHRONOUS  FULL (default, as production) | NORMAL | OFF
 */
import { cpus, loadavg } from 'node:os';
import { runImportBenchmark } from '../libs/cohort-import/src/testing/import-benchmark';
import type { SqliteSynchronous } from '../libs/event-store/src/sqlite/schema';

const rows = Number(process.env.BENCH_ROWS ?? 50_000);
if (!Number.isSafeInteger(rows) || rows < 1) throw new Error('BENCH_ROWS must be a positive integer');
const synchronous = (process.env.SQLITE_SYNCHRONOUS ?? 'FULL') as SqliteSynchronous;

async function main(): Promise<void> {
  console.log(
    `bench:import — ${rows} rows, synchronous=${synchronous}, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const result = await runImportBenchmark({
    rows,
    synchronous,
    log: (line) => {
      if (!line.startsWith('  ') || /: (\d+)\/\1 rows$/.test(line)) console.log(line);
    },
  });
  const [check, raw] = result.measures;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
  console.log('\n| measure | rows | seconds | rows/s | events written | vs read+check | vs raw appends |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of result.measures) {
    console.log(
      `| ${m.name} | ${fmt(m.rows)} | ${m.seconds.toFixed(2)} | ${fmt(m.rowsPerSecond)} | ${m.events === undefined ? '' : fmt(m.events)} | ` +
        `${(m.rowsPerSecond / (check?.rowsPerSecond ?? NaN)).toFixed(3)}× | ${(m.rowsPerSecond / (raw?.rowsPerSecond ?? NaN)).toFixed(2)}× |`,
    );
  }
  console.log('\nmonth 1:', JSON.stringify(result.month1));
  console.log('month 2:', JSON.stringify(result.month2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
