import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from '../../../../bench/replay-history';
import { measureReplay, REPORTS } from '../../../../bench/replay-run';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { runReports, type ReportRequests } from './evaluation-reports';

describe('bench:replay at smoke size', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccb-replay-bench-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a mixed history, measures readAll and every replay over all of it, and the reports see it', async () => {
    const history = await writeHistory(store, 3_000);
    expect(history.events).toBeGreaterThanOrEqual(3_000);
    for (const type of ['referral-made', 'iom-eligibility-evaluated', 'alliance-engagement-recorded', 'case-closed']) {
      expect(history.byType[type]).toBeGreaterThan(0);
    }

    const measures = await measureReplay(store);
    expect(measures.map((m) => m.name)).toEqual([
      'readAll (before)',
      'readAll (after)',
      ...Object.keys(REPORTS),
      'all four, one pass',
    ]);
    for (const m of measures) {
      expect(m.events).toBe(history.events);
      expect(m.eventsPerSecond).toBeGreaterThan(0);
    }

    const all = Object.assign({}, ...Object.values(REPORTS)) as ReportRequests;
    const results = await runReports(store, all);
    // Every engagement has an outcome, so the report counts each one the generator recorded.
    expect(results.alliance?.total.engaged).toBe(history.byType['alliance-engagement-recorded']);
    expect(results.marac?.referrals).toBeGreaterThan(0);
    expect(results.marac?.repeats).toBeGreaterThan(0);
    expect(results.iom?.total.entries).toBeGreaterThan(0);
    expect(results.counterfactual?.total.everOnlyAlternative).toBeGreaterThan(0);
  }, 30_000);
});
