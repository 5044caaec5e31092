/**
 * Keeps `npm run bench:projections` from rotting: every part runs at a tiny size against the
 * real store, runtime, matcher and HTTP API. No figure is asserted (a shared machine makes
 * timings meaningless here); what is asserted is that each part measured what it says it did.
 */
import { seedCaseLog } from '../bench/projections-log';
import { runProjectionsBenchmark } from '../bench/projections-run';
import { formatTable } from '../bench/projections-table';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { registeredProjections } from '../libs/read-models/src/registered-projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

describe('the projections benchmark at a tiny size', () => {
  it('seeds whole waves the deciders accept: no step of a late-referred case dated before its referral', async () => {
    // A wave refers cases over a month; only a log past the first wave holds the latest of them.
    const dir = mkdtempSync(join(tmpdir(), 'projections-bench-spec-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    try {
      const log = await seedCaseLog(store, 40_000);
      expect(Object.fromEntries(log.refused)).toEqual({});
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds a log the domain deciders accept in full, across the three panels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projections-bench-spec-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    try {
      const log = await seedCaseLog(store, 3_000);
      expect(log.refused.size).toBe(0);
      expect(log.events).toBeGreaterThanOrEqual(3_000);
      expect(await store.headPosition()).toBe(BigInt(log.events - 1));
      const events = await store.readAll();
      const panels = new Set(
        events
          .filter((event) => event.type === 'referral-made')
          .map((event) => (event.data as { panelCode: string }).panelCode),
      );
      expect([...panels].sort()).toEqual(['ALLIANCE', 'IOM', 'MARAC']);
      for (const type of [
        'panel-discussed',
        'action-agreed',
        'meeting-case-listed',
        'person-registered',
        'case-closed',
      ]) {
        expect(events.some((event) => event.type === type)).toBe(true);
      }
      // Commands interleave: the case streams are not written one after another.
      const firstCase = events.find((event) => event.stream.startsWith('case-'))?.stream;
      const positions = events.filter((event) => event.stream === firstCase).map((event) => Number(event.position));
      expect(Math.max(...positions) - Math.min(...positions)).toBeGreaterThan(positions.length * 5);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs rebuild, matching and lag and prints a PASS/MISS table', async () => {
    const results = await runProjectionsBenchmark({
      parts: new Set(['rebuild', 'matching', 'lag']),
      events: 2_000,
      referrals: 300,
      indexedPeople: 500,
      queries: 50,
      lagRate: 40,
      lagSeconds: 1,
      lagWarmupSeconds: 0.5,
      projections: registeredProjections,
      perProjection: true,
    });

    const { rebuild, matching, lag } = results;
    expect(rebuild?.rebuild.events).toBe(results.log?.events);
    expect(rebuild?.projections).toEqual(registeredProjections.map((p) => `${p.name} v${p.version}`));
    expect(rebuild?.readAll.events).toBe(results.log?.events);
    expect(results.alone).toHaveLength(registeredProjections.length);
    expect(rebuild?.memory.rssMiB).toBeGreaterThan(0);
    // The floor writes the log's size in whole 64-row statements.
    expect(results.floor?.rows).toBe((results.log?.events ?? 0) - ((results.log?.events ?? 0) % 64));

    expect(matching?.referrals).toBe(300);
    expect(matching?.queries).toBe(50);
    // The worst cases: a common name born on 1 January, alone and with 3, 5, 10 and 20 aliases.
    expect(matching?.worstCases.map((worst) => worst.queries)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    expect(matching?.worstCasePeople).toBeGreaterThan(matching?.indexedPeople ?? Infinity);

    // Every command measured came back 2xx and its position reached the read models.
    expect(lag?.failures).toEqual({});
    expect(lag?.timedOut).toBe(0);
    expect(lag?.measured).toBeGreaterThan(20);
    expect(lag?.lagMs.p99).toBeGreaterThanOrEqual(lag?.lagMs.p50 ?? Infinity);

    const table = formatTable(results.rows);
    expect(table).toMatch(/rebuild of all \d+ registered projection/);
    expect(table).toMatch(/floor: SQLite alone.*x readAll/);
    expect(table).toMatch(/p99 < 10 ms +\| (PASS|MISS)/);
    expect(table).toMatch(/worst case: Mohammed Khan, 1 January, 20 aliases/);
    expect(table).toMatch(/p99 < 100 ms +\| (PASS|MISS)/);
  });
});
