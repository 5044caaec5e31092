import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadAuditEntry, ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import type { JobRunContext } from '../../../jobs/src/job-kind';
import { DEFAULT_PANEL_REGISTRY } from '../../../case-lifecycle/src/domain';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { writeHistory } from '../../../../bench/replay-history';
import { CounterfactualCohortJob } from './counterfactual-cohort.job';

const analyst: Principal = { id: 'analyst-1', name: 'Test Analyst', agency: 'Council', roles: ['analyst'], panels: [] };

/** Keeps entries in memory: this spec is about the job, the audit context has its own specs. */
class RecordedAudit implements ReadAuditRecorder {
  readonly entries: ReadAuditEntry[] = [];
  async record(entry: ReadAuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}

function context(signal = new AbortController().signal, progress: [number, number | undefined][] = []): JobRunContext {
  return {
    jobId: 'job-1',
    attempt: 1,
    principal: analyst,
    correlationId: 'corr-1',
    signal,
    progress: async (done, total) => {
      progress.push([done, total]);
    },
    eventIdFor: (key) => key,
  };
}

describe('counterfactual-cohort job on a real store', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccb-counterfactual-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    await writeHistory(store, 5_000);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays the history under the alternative policy: counts in the summary, pseudonyms only in the CSV', async () => {
    const audit = new RecordedAudit();
    const job = new CounterfactualCohortJob(store, audit, DEFAULT_PANEL_REGISTRY);
    const input = job.parseInput({
      body: {
        from: '2020-01-01',
        to: '2020-12-31',
        policy: { id: 'any-ovp', ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 },
      },
      query: {},
    });
    const progress: [number, number | undefined][] = [];
    const result = await job.run(input, context(undefined, progress));

    const months = result.summary.months as { baseline: number; alternative: number; difference: number }[];
    expect(months).toHaveLength(12);
    // Dropping the OVP floor can only widen the 2021 cohort.
    for (const m of months) {
      expect(m.alternative).toBeGreaterThanOrEqual(m.baseline);
      expect(m.difference).toBe(m.alternative - m.baseline);
    }
    expect(months.some((m) => m.difference > 0)).toBe(true);
    expect(JSON.stringify(result.summary)).not.toMatch(/p-[0-9a-f]{16}|Synthson|Testwell/);
    const people = result.files?.find((f) => f.name === 'counterfactual-people.csv')?.content ?? '';
    const rows = people.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^2020-\d{2},would-(come-in|drop-out),p-[0-9a-f]{16}$/);

    const head = Number((await store.headPosition()) + 1n);
    expect(progress.at(-1)).toEqual([head, head]);
    expect(audit.entries).toEqual([
      expect.objectContaining({ action: 'report-run', subject: 'iom-counterfactual-cohort', principal: analyst }),
    ]);
  });

  it('stops when cancelled and records no run', async () => {
    const audit = new RecordedAudit();
    const job = new CounterfactualCohortJob(store, audit, DEFAULT_PANEL_REGISTRY);
    const cancel = new AbortController();
    cancel.abort();
    const input = job.parseInput({ body: { from: '2020-01-01', to: '2020-12-31', policy: 'london-2021' }, query: {} });
    await expect(job.run(input, context(cancel.signal))).rejects.toThrow();
    expect(audit.entries).toEqual([]);
  });

  it('refuses bad input naming the field and rule', () => {
    const job = new CounterfactualCohortJob(store, new RecordedAudit(), DEFAULT_PANEL_REGISTRY);
    const refusal = (body: unknown) => {
      try {
        job.parseInput({ body, query: {} });
      } catch (error) {
        return (error as { details: { field: string; rule: string }[] }).details[0];
      }
      return undefined;
    };
    expect(refusal({ from: '2020-02-30', to: '2020-12-31', policy: 'london-2021' })).toEqual({
      field: 'from',
      rule: 'calendar-date',
      message: expect.any(String),
    });
    expect(refusal({ from: '2020-01-01', to: '2020-12-31' })).toMatchObject({ field: 'policy', rule: 'required' });
    expect(refusal({ from: '2020-01-01', to: '2020-12-31', policy: 'made-up' })).toMatchObject({
      field: 'policy',
      rule: 'known-policy',
    });
    expect(refusal({ from: '2020-01-01', to: '2020-12-31', policy: { ogrsAlone: 75, ovpMinimum: 101 } })).toMatchObject(
      {
        field: 'policy.ovpMinimum',
        rule: 'percentage-0-100',
      },
    );
    expect(refusal({ from: '2020-01-01', to: '2020-12-31', policy: 'london-2021', baseline: 7 })).toMatchObject({
      field: 'baseline',
    });
  });
});
