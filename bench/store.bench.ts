/**
 * Event store benchmark: our SQLite store against raw better-sqlite3 inserts of the same rows
 * (the floor) and Emmett's SQLite event store, at the same durability (WAL, synchronous=FULL),
 * in one process on one machine. Run with `npm run bench:store`. Counts can be shrunk:
 *   BENCH_EVENTS        events in the log read by readAll            (default 1,000,000)
 *   BENCH_SINGLE        single-event appends                          (default 3,000)
 *   BENCH_BATCHES       appends of BENCH_BATCH_SIZE events            (default 300)
 *   BENCH_BATCH_SIZE    events per batched append                     (default 100)
 *   BENCH_EVENTS_PER_COMMAND  events sharing one metadata in the read log (default 1: all distinct)
 *   BENCH_READ_PAGE     maxCount per readAll call, the same for every subject (default 1,000)
 *   BENCH_ONLY          ours | raw | emmett: run one subject (no table)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { commandEvents, referralEvent } from './store-events';
import { emmettSqlite } from './store-emmett';
import { ourStore } from './store-ours';
import { rawSqlite } from './store-raw';
import type { StoreSubject, SubjectFactory } from './store-subject';
import { formatTable, type Row } from './store-table';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const EVENTS = setting('BENCH_EVENTS', 1_000_000);
const SINGLE = setting('BENCH_SINGLE', 3_000);
const BATCHES = setting('BENCH_BATCHES', 300);
const BATCH_SIZE = setting('BENCH_BATCH_SIZE', 100);
const EVENTS_PER_COMMAND = setting('BENCH_EVENTS_PER_COMMAND', 1);
const SEED_BATCH = 1_000;
const READ_PAGE = setting('BENCH_READ_PAGE', 1_000);
const STREAMS = 100;

const SUBJECTS: Record<'ours' | 'raw' | 'emmett', SubjectFactory> = {
  ours: ourStore,
  raw: rawSqlite,
  emmett: emmettSqlite,
};

interface Measures {
  notes: string[];
  singlePerSecond: number;
  batchedEventsPerSecond: number;
  readAllEventsPerSecond: number;
  /** The same read per second of this process's CPU time: less sensitive to other load on the machine. */
  readAllEventsPerCpuSecond: number;
  seedSeconds: number;
}

/** Other work on the machine changes every figure: print it with the results. */
const loadAverage = (): string =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Appends `count` events one per append, round-robin over STREAMS streams, each awaited. */
async function singleAppends(subject: StoreSubject, count: number, prefix: string): Promise<number> {
  const lengths = new Array<number>(STREAMS).fill(0);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const stream = i % STREAMS;
    await subject.append(`${prefix}-${stream}`, lengths[stream] ?? 0, [referralEvent(i)]);
    lengths[stream] = (lengths[stream] ?? 0) + 1;
  }
  return count / seconds(start);
}

/** Appends `batches` batches of `size` events (one command's events each), round-robin over 10 streams. */
async function batchedAppends(subject: StoreSubject, batches: number, size: number, prefix: string): Promise<number> {
  const payloads = Array.from({ length: batches }, (_, batch) => commandEvents(size, batch * size, size));
  const lengths = new Array<number>(10).fill(0);
  const start = process.hrtime.bigint();
  for (let batch = 0; batch < batches; batch++) {
    const stream = batch % 10;
    await subject.append(`${prefix}-${stream}`, lengths[stream] ?? 0, payloads[batch] ?? []);
    lengths[stream] = (lengths[stream] ?? 0) + size;
  }
  return (batches * size) / seconds(start);
}

async function measure(factory: SubjectFactory, dir: string, label: string): Promise<Measures> {
  const appends = await factory(join(dir, `${label}-appends.sqlite`));
  await singleAppends(appends, 200, 'warmup'); // JIT and page cache, not timed
  const singlePerSecond = await singleAppends(appends, SINGLE, 'single');
  const batchedEventsPerSecond = await batchedAppends(appends, BATCHES, BATCH_SIZE, 'batched');
  const notes = [appends.notes?.()];
  await appends.close();

  const log = await factory(join(dir, `${label}-log.sqlite`));
  const seedStart = process.hrtime.bigint();
  for (let seeded = 0; seeded < EVENTS; seeded += SEED_BATCH) {
    const size = Math.min(SEED_BATCH, EVENTS - seeded);
    await log.append(`seed-${seeded / SEED_BATCH}`, 0, commandEvents(size, seeded, EVENTS_PER_COMMAND));
  }
  const seedSeconds = seconds(seedStart);
  // No warm-up read: the file was just written, so it sits in the OS page cache for every subject.
  const readStart = process.hrtime.bigint();
  const readCpu = process.cpuUsage();
  const read = await log.readAll(READ_PAGE);
  const readAllEventsPerSecond = read / seconds(readStart);
  const cpu = process.cpuUsage(readCpu);
  const readAllEventsPerCpuSecond = read / ((cpu.user + cpu.system) / 1e6);
  if (read !== EVENTS) throw new Error(`${appends.name}: read ${read} of ${EVENTS} events`);
  notes.push(log.notes?.());
  await log.close();
  return {
    notes: notes.filter((note): note is string => note !== undefined),
    singlePerSecond,
    batchedEventsPerSecond,
    readAllEventsPerSecond,
    readAllEventsPerCpuSecond,
    seedSeconds,
  };
}

/** Confirms the synchronous level a fresh node-sqlite3 connection (Emmett's) gets in WAL mode. */
function emmettSynchronous(filename: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(filename);
    db.run('PRAGMA journal_mode = WAL', (walError) => {
      if (walError !== null) return reject(walError);
      db.get('PRAGMA synchronous', (error, row: { synchronous?: number } | undefined) => {
        db.close();
        if (error !== null) reject(error);
        else resolve(row?.synchronous);
      });
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  const loadAtStart = loadAverage();
  try {
    const synchronous = await emmettSynchronous(join(dir, 'probe.sqlite'));
    console.log(
      `store benchmark: node ${process.version}, ${cpus().length} CPU(s), temp dir ${dir}\n` +
        `durability: WAL, synchronous=FULL for ours and raw; Emmett's connections get synchronous=${String(synchronous)} (2 = FULL)\n` +
        `single: ${SINGLE} appends of 1 event; batched: ${BATCHES} appends of ${BATCH_SIZE}; readAll: ${EVENTS} events ` +
        `(${EVENTS_PER_COMMAND} event(s) per command metadata), pages of ${READ_PAGE}\n`,
    );
    const results: Partial<Record<keyof typeof SUBJECTS, Measures>> = {};
    for (const [label, factory] of Object.entries(SUBJECTS) as [keyof typeof SUBJECTS, SubjectFactory][]) {
      if (process.env['BENCH_ONLY'] !== undefined && process.env['BENCH_ONLY'] !== label) continue;
      const started = process.hrtime.bigint();
      results[label] = await measure(factory, dir, label);
      const done = results[label];
      console.log(
        `${label}: done in ${seconds(started).toFixed(1)} s (seeding the log: ${done?.seedSeconds.toFixed(1)} s)` +
          (done?.notes.length ? `; ${done.notes.join('; ')}` : ''),
      );
    }
    const { ours, raw, emmett } = results;
    if (ours === undefined || raw === undefined || emmett === undefined) {
      console.log(results); // BENCH_ONLY=<ours|raw|emmett> runs one subject: no ratios to show
      return;
    }
    const rows: Row[] = [
      {
        measure: 'durable single-event appends',
        unit: 'appends/s',
        ours: ours.singlePerSecond,
        raw: raw.singlePerSecond,
        emmett: emmett.singlePerSecond,
        goal: '>= emmett',
        met: ours.singlePerSecond >= emmett.singlePerSecond,
      },
      {
        measure: `batched appends (${BATCH_SIZE}/append)`,
        unit: 'events/s',
        ours: ours.batchedEventsPerSecond,
        raw: raw.batchedEventsPerSecond,
        emmett: emmett.batchedEventsPerSecond,
        goal: '>= 0.7x raw',
        met: ours.batchedEventsPerSecond >= 0.7 * raw.batchedEventsPerSecond,
      },
      {
        measure: `readAll over ${EVENTS.toLocaleString('en-GB')} events`,
        unit: 'events/s',
        ours: ours.readAllEventsPerSecond,
        raw: raw.readAllEventsPerSecond,
        emmett: emmett.readAllEventsPerSecond,
        goal: '>= 200,000/s',
        met: ours.readAllEventsPerSecond >= 200_000,
      },
      {
        measure: '  same read, per CPU-second',
        unit: 'events/cpu-s',
        ours: ours.readAllEventsPerCpuSecond,
        raw: raw.readAllEventsPerCpuSecond,
        emmett: emmett.readAllEventsPerCpuSecond,
        goal: '(context)',
        met: ours.readAllEventsPerCpuSecond >= 200_000,
      },
    ];
    console.log(`\n${formatTable(rows)}`);
    console.log(`\nload average at start ${loadAtStart}, at end ${loadAverage()} (${cpus().length} CPUs)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
