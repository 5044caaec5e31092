/**
 * The projections benchmark as a function, so a spec can run it at a tiny size and the script
 * (`projections.bench.ts`) at full size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatchingBenchmarkResult } from '../libs/identity/src/testing/matching-benchmark';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import type { ProjectionDefinition } from '../libs/read-models/src/projection-definition';
import { measureProjectionLag, type LagResult } from './projections-lag';
import { seedCaseLog, type SeededLog } from './projections-log';
import { measureMatching } from './projections-matching';
import { measureWriteFloor, type WriteFloor } from './projections-floor';
import { measureProjectionRebuild, type RebuildResult } from './projections-rebuild';
import { count, mib, ms, type TableRow } from './projections-table';

export type Part = 'rebuild' | 'matching' | 'lag';

export interface BenchSettings {
  readonly parts: ReadonlySet<Part>;
  readonly events: number;
  readonly referrals: number;
  readonly indexedPeople: number;
  readonly queries: number;
  readonly lagRate: number;
  readonly lagSeconds: number;
  readonly lagWarmupSeconds: number;
  /** Also rebuild each registered projection alone, to show which one costs what. */
  readonly perProjection?: boolean;
  /** The API's SQLITE_SYNCHRONOUS for the lag part; undefined: the application default. */
  readonly lagSynchronous?: string;
  readonly projections: readonly ProjectionDefinition[];
}

export interface BenchResults {
  readonly log?: SeededLog;
  readonly rebuild?: RebuildResult;
  readonly alone?: readonly RebuildResult[];
  /** SQLite alone writing an audit-trail-sized row per event (with BENCH_PER_PROJECTION). */
  readonly floor?: WriteFloor;
  readonly matching?: MatchingBenchmarkResult;
  readonly lag?: LagResult;
  readonly rows: TableRow[];
}

export const GOALS = { rebuildRatio: 0.5, matchP99Ms: 10, lagP99Ms: 100 } as const;

async function rebuildPart(
  settings: BenchSettings,
  say: (line: string) => void,
): Promise<Pick<BenchResults, 'log' | 'rebuild' | 'alone' | 'floor'>> {
  const dir = mkdtempSync(join(tmpdir(), 'projections-bench-'));
  // Seeding durability does not change how fast the file reads back; OFF keeps seeding short.
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
  try {
    say(`seeding ${count(settings.events)} events ...`);
    const log = await seedCaseLog(store, settings.events);
    say(
      `seeded ${count(log.events)} events in ${log.seconds.toFixed(1)} s: ${count(log.appends)} appends, ` +
        `${count(log.cases)} cases, ${count(log.streams)} streams (largest ${log.largestStream} events)` +
        (log.refused.size > 0 ? `; commands refused: ${JSON.stringify(Object.fromEntries(log.refused))}` : ''),
    );
    say(`rebuilding ${settings.projections.map((p) => `${p.name} v${p.version}`).join(', ')} ...`);
    const rebuild = await measureProjectionRebuild(store, join(dir, 'read-models.sqlite'), settings.projections);
    const alone: RebuildResult[] = [];
    for (const projection of settings.perProjection === true ? settings.projections : []) {
      say(`rebuilding ${projection.name} v${projection.version} alone ...`);
      alone.push(await measureProjectionRebuild(store, join(dir, `alone-${projection.name}.sqlite`), [projection]));
    }
    if (settings.perProjection !== true) return { log, rebuild, alone };
    say(`writing ${count(log.events)} audit-trail-sized rows with nothing else, for a floor ...`);
    return { log, rebuild, alone, floor: measureWriteFloor(join(dir, 'floor.sqlite'), log.events) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runProjectionsBenchmark(
  settings: BenchSettings,
  say: (line: string) => void = () => undefined,
): Promise<BenchResults> {
  const rows: TableRow[] = [];
  let results: Omit<BenchResults, 'rows'> = {};
  if (settings.parts.has('rebuild')) {
    const { log, rebuild, alone, floor } = await rebuildPart(settings, say);
    results = { ...results, log, rebuild, alone, floor };
    if (rebuild !== undefined) {
      rows.push(
        {
          measure: `rebuild of all ${rebuild.projections.length} registered projection(s), ${count(rebuild.rebuild.events)} events`,
          figure: `${count(rebuild.rebuild.eventsPerSecond)} events/s`,
          baseline: `readAll ${count(rebuild.readAll.eventsPerSecond)} events/s; ratio ${rebuild.ratio.toFixed(2)}x`,
          goal: `>= ${GOALS.rebuildRatio}x readAll`,
          met: rebuild.ratio >= GOALS.rebuildRatio,
        },
        {
          measure: '  same, per CPU-second',
          figure: `${count(rebuild.rebuild.eventsPerCpuSecond)} events/cpu-s`,
          baseline: `readAll ${count(rebuild.readAll.eventsPerCpuSecond)}/cpu-s; ratio ${rebuild.cpuRatio.toFixed(2)}x`,
        },
        {
          measure: '  peak memory during the rebuild',
          figure: `RSS ${mib(rebuild.memory.rssMiB)}, heap ${mib(rebuild.memory.heapMiB)}`,
          baseline: `before: RSS ${mib(rebuild.memory.rssBeforeMiB)}, heap ${mib(rebuild.memory.heapBeforeMiB)}`,
        },
        ...(alone ?? []).map((one) => ({
          measure: `  ${one.projections.join('')} alone`,
          figure: `${count(one.rebuild.eventsPerSecond)} events/s (${count(one.rebuild.eventsPerCpuSecond)}/cpu-s)`,
          baseline: `ratio ${one.ratio.toFixed(2)}x (CPU ${one.cpuRatio.toFixed(2)}x)`,
        })),
        ...(floor === undefined
          ? []
          : [
              {
                measure: '  floor: SQLite alone, one 12-column row per event + 3 indexes, no read',
                figure: `${count(floor.rowsPerSecond)} rows/s (insert ${floor.insertSeconds.toFixed(2)} s, indexes ${floor.indexSeconds.toFixed(2)} s)`,
                baseline: `ratio ${(floor.rowsPerSecond / rebuild.readAll.eventsPerSecond).toFixed(2)}x readAll`,
              },
            ]),
      );
    }
  }
  if (settings.parts.has('matching')) {
    say(
      `person matching: ${count(settings.referrals)} referrals, then 1 against ${count(settings.indexedPeople)} people ...`,
    );
    const matching = measureMatching(
      { referrals: settings.referrals, indexedPeople: settings.indexedPeople, queries: settings.queries },
      say,
    );
    results = { ...results, matching };
    rows.push(
      {
        measure: `matching ${count(matching.referrals)} referrals into an empty index`,
        figure: `${count(matching.referralsPerSecond)} records/s`,
      },
      {
        measure: `matching 1 referral against ${count(matching.indexedPeople)} people (${count(matching.queries)} timed)`,
        figure: `p99 ${ms(matching.latencyMs.p99)} (p50 ${ms(matching.latencyMs.p50)}, max ${ms(matching.latencyMs.max)})`,
        goal: `p99 < ${GOALS.matchP99Ms} ms`,
        met: matching.latencyMs.p99 < GOALS.matchP99Ms,
      },
      {
        measure: `  worst cases against ${count(matching.worstCasePeople)} people: a common name born on 1 January`,
        figure: 'candidates and records compared are counts, the same on any machine',
      },
      ...matching.worstCases.map((worst) => ({
        measure: `  worst case: ${worst.name} (${count(worst.queries)} timed)`,
        figure:
          `p99 ${ms(worst.latencyMs.p99)} (p50 ${ms(worst.latencyMs.p50)}, CPU p99 ${ms(worst.cpuMs.p99)}); ` +
          `at p99 ${count(worst.candidates.p99)} candidates, ${count(worst.compared.p99)} records compared`,
        baseline: `budget cut in for ${count(worst.budgetCutIn)}`,
        goal: `p99 < ${GOALS.matchP99Ms} ms`,
        met: worst.latencyMs.p99 < GOALS.matchP99Ms,
      })),
    );
  }
  if (settings.parts.has('lag')) {
    say(`projection lag: ${settings.lagRate} commands/s for ${settings.lagSeconds} s through the HTTP API ...`);
    const lag = await measureProjectionLag({
      commandsPerSecond: settings.lagRate,
      seconds: settings.lagSeconds,
      warmupSeconds: settings.lagWarmupSeconds,
      ...(settings.lagSynchronous === undefined ? {} : { env: { SQLITE_SYNCHRONOUS: settings.lagSynchronous } }),
    });
    results = { ...results, lag };
    const problems = Object.entries(lag.failures).map(([what, n]) => `${n}x ${what}`);
    rows.push(
      {
        measure: `projection lag, ${settings.lagRate} commands/s open loop (${count(lag.measured)} commands)`,
        figure: `p99 ${ms(lag.lagMs.p99)} (p50 ${ms(lag.lagMs.p50)}, p95 ${ms(lag.lagMs.p95)}, max ${ms(lag.lagMs.max)})`,
        goal: `p99 < ${GOALS.lagP99Ms} ms`,
        met: lag.lagMs.p99 < GOALS.lagP99Ms && lag.timedOut === 0,
      },
      {
        measure: '  HTTP response time under that load',
        figure: `p99 ${ms(lag.responseMs.p99)} (p50 ${ms(lag.responseMs.p50)})`,
        baseline: `sent ${lag.sentPerSecond.toFixed(0)}/s, answered ${lag.answeredPerSecond.toFixed(0)}/s`,
      },
      {
        measure: '  commands refused / not covered in time',
        figure: `${problems.length === 0 ? 'none refused' : problems.join(', ')}; ${lag.timedOut} timed out; ${lag.unchanged} unchanged`,
      },
    );
  }
  return { ...results, rows };
}
