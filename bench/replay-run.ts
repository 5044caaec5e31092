/**
 * Measures, over one store: the raw `readAll` rate (pages of 1,000, the store's advice), then
 * each evaluation report replayed alone and all of them in one pass, each as events of the log
 * per second and as a ratio to `readAll` in the same run. `readAll` is timed before and after
 * the replays and the faster of the two is the reference, so a warm cache cannot flatter the
 * replays. CPU time is reported beside wall time because the machine is shared.
 */
import type { EventStore } from '../libs/event-store/src/port/event-store';
import { runReports, type ReportRequests } from '../libs/evaluation/src/application/evaluation-reports';

export interface Measure {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
  /** Against the faster readAll of the run. */
  readonly ratio?: number;
  /** Events per CPU-second against readAll's best: steadier than wall time on a shared machine. */
  readonly cpuRatio?: number;
}

const PERIOD = { from: '2019-01-01', to: '2024-12-31' };
const ANY_OVP = { id: 'any-ovp', thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 } };

export const REPORTS: Record<string, ReportRequests> = {
  'alliance engagement': { alliance: { ...PERIOD, periodCost: 19_200 } },
  'MARAC repeat rate': { marac: { ...PERIOD, population: 120_000 } },
  'IOM cohort': { iom: PERIOD },
  'counterfactual cohort': { counterfactual: { ...PERIOD, alternative: ANY_OVP, pseudonym: (id) => id.slice(0, 8) } },
};

async function timed(name: string, run: () => Promise<number>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const events = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { name, events, seconds, cpuSeconds: (used.user + used.system) / 1e6, eventsPerSecond: events / seconds };
}

export async function readAllCount(store: EventStore): Promise<number> {
  let read = 0;
  let from = -1n;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 1_000 });
    const last = page[page.length - 1];
    if (last === undefined) return read;
    read += page.length;
    from = last.position;
  }
}

export async function measureReplay(store: EventStore): Promise<Measure[]> {
  const before = await timed('readAll (before)', () => readAllCount(store));
  const replays: Measure[] = [];
  for (const [name, requests] of Object.entries(REPORTS)) {
    replays.push(await timed(name, async () => (await runReports(store, requests)).eventsRead));
  }
  const all = Object.assign({}, ...Object.values(REPORTS)) as ReportRequests;
  replays.push(await timed('all four, one pass', async () => (await runReports(store, all)).eventsRead));
  const after = await timed('readAll (after)', () => readAllCount(store));
  const reference = Math.max(before.eventsPerSecond, after.eventsPerSecond);
  const cpuReference = Math.max(before.events / before.cpuSeconds, after.events / after.cpuSeconds);
  return [
    before,
    after,
    ...replays.map((m) => ({
      ...m,
      ratio: m.eventsPerSecond / reference,
      cpuRatio: m.events / m.cpuSeconds / cpuReference,
    })),
  ];
}

export function formatMeasures(measures: readonly Measure[]): string {
  const n = (value: number): string => Math.round(value).toLocaleString('en-GB');
  const rows = measures.map((m) => [
    m.name,
    n(m.events),
    m.seconds.toFixed(2),
    n(m.eventsPerSecond),
    n(m.events / m.cpuSeconds),
    m.ratio === undefined ? '' : `${m.ratio.toFixed(2)}×`,
    m.cpuRatio === undefined ? '' : `${m.cpuRatio.toFixed(2)}×`,
  ]);
  const header = ['measure', 'events', 'seconds', 'events/s', 'events/CPU-s', 'vs readAll', 'vs readAll, CPU'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
