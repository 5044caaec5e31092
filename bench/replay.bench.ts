/**
 * `npm run bench:replay`: builds a synthetic history of BENCH_EVENTS events (default 1,000,000)
 * in a fresh SQLite store through the real SqliteEventStore, then measures raw readAll against
 * replaying the evaluation reports (see replay-run.ts). Goal: replay >= 0.5x readAll.
 *   BENCH_EVENTS   size of the history (e.g. 20000 for a smoke run)
 *   BENCH_DB       keep the history in this file and reuse it on the next run (building 10^6
 *                  events takes minutes); without it a temporary file is used and removed
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { writeHistory } from './replay-history';
import { formatMeasures, measureReplay } from './replay-run';

function eventsSetting(): number {
  const raw = process.env.BENCH_EVENTS;
  const value = raw === undefined ? 1_000_000 : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error('BENCH_EVENTS must be a positive integer');
  return value;
}

async function main(): Promise<void> {
  const target = eventsSetting();
  const kept = process.env.BENCH_DB;
  const dir = mkdtempSync(join(tmpdir(), 'ccb-bench-replay-'));
  const filename = kept ?? join(dir, 'events.sqlite');
  try {
    if (kept !== undefined && existsSync(kept)) {
      console.log(`history: reusing ${kept}`);
    } else {
      // Durability does not change reading; NORMAL keeps building the history quick.
      const writer = new SqliteEventStore({ filename, synchronous: 'NORMAL' });
      const seedStart = process.hrtime.bigint();
      const history = await writeHistory(writer, target);
      const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
      await writer.close();
      console.log(
        `history: ${history.events.toLocaleString('en-GB')} events in ${history.appends.toLocaleString('en-GB')} appends, ` +
          `${seedSeconds.toFixed(1)} s (${Math.round(history.events / seedSeconds).toLocaleString('en-GB')} events/s)`,
      );
    }
    const reader = new SqliteEventStore({ filename, synchronous: 'FULL' });
    const measures = await measureReplay(reader);
    await reader.close();
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} on ${cpus().length} cores`,
    );
    console.log(formatMeasures(measures));
    const replays = measures.filter((m) => m.ratio !== undefined);
    const worst = Math.min(...replays.map((m) => m.ratio ?? 0));
    const worstCpu = Math.min(...replays.map((m) => m.cpuRatio ?? 0));
    console.log(
      `goal replay >= 0.5x readAll: slowest ${worst.toFixed(2)}x wall ${worst >= 0.5 ? '✔' : '✘'}, ` +
        `${worstCpu.toFixed(2)}x per CPU-second ${worstCpu >= 0.5 ? '✔' : '✘'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
