/**
 * Projections benchmark (`npm run bench:projections`), in one run:
 *  (a) rebuild of every registered projection over a realistic synthetic log, against the raw
 *      `readAll` rate of the same store measured in the same run (goal >= 0.5x), peak memory;
 *  (b) person matching: referrals into an empty index (records/s), one referral against a large
 *      index (goal p99 < 10 ms);
 *  (c) projection lag under a steady command rate through the HTTP API (goal p99 < 100 ms).
 * Sizes can be shrunk for a quick run:
 *   BENCH_EVENTS          events in the log rebuilt              (default 1,000,000)
 *   BENCH_REFERRALS       referrals matched into an empty index  (default 100,000)
 *   BENCH_PEOPLE          people in the index for latency        (default 200,000)
 *   BENCH_QUERIES         matches timed against that index       (default 2,000)
 *   BENCH_LAG_RATE        commands per second through the API    (default 200)
 *   BENCH_LAG_SECONDS     measured seconds at that rate          (default 30)
 *   BENCH_LAG_WARMUP      unmeasured seconds first               (default 3)
 *   BENCH_LAG_SYNCHRONOUS the API's SQLITE_SYNCHRONOUS           (default: the application's, FULL)
 *   BENCH_ONLY            comma list of rebuild, matching, lag   (default all three)
 *   BENCH_PER_PROJECTION  1: also rebuild each projection alone  (default off: it takes long)
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { registeredProjections } from '../libs/read-models/src/registered-projections';
import { runProjectionsBenchmark, type Part } from './projections-run';
import { formatTable } from './projections-table';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function parts(): Set<Part> {
  const all: Part[] = ['rebuild', 'matching', 'lag'];
  const raw = process.env['BENCH_ONLY'];
  if (raw === undefined) return new Set(all);
  const chosen = raw.split(',').map((part) => part.trim());
  const unknown = chosen.filter((part) => !(all as string[]).includes(part));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')} (use ${all.join(', ')})`);
  return new Set(chosen as Part[]);
}

const loadAverage = (): string =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');

/** Lets the memory figures start from a collected heap without a command-line flag. */
function exposeGc(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (gc !== undefined) (global as { gc?: () => void }).gc = gc;
}

async function main(): Promise<void> {
  exposeGc();
  const started = performance.now();
  const loadAtStart = loadAverage();
  console.log(`projections benchmark: node ${process.version}, ${cpus().length} CPU(s), load ${loadAtStart}`);
  const { rows } = await runProjectionsBenchmark(
    {
      parts: parts(),
      events: setting('BENCH_EVENTS', 1_000_000),
      referrals: setting('BENCH_REFERRALS', 100_000),
      indexedPeople: setting('BENCH_PEOPLE', 200_000),
      queries: setting('BENCH_QUERIES', 2_000),
      lagRate: setting('BENCH_LAG_RATE', 200),
      lagSeconds: setting('BENCH_LAG_SECONDS', 30),
      lagWarmupSeconds: setting('BENCH_LAG_WARMUP', 3),
      ...(process.env['BENCH_LAG_SYNCHRONOUS'] === undefined
        ? {}
        : { lagSynchronous: process.env['BENCH_LAG_SYNCHRONOUS'] }),
      projections: registeredProjections,
      perProjection: process.env['BENCH_PER_PROJECTION'] === '1',
    },
    (line) => console.log(`  ${line}`),
  );
  console.log(`\n${formatTable(rows)}`);
  console.log(
    `\nload average at start ${loadAtStart}, at end ${loadAverage()} (${cpus().length} CPUs); ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
