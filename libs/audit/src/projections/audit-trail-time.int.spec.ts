import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../../event-store/src/port/event-envelope';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQuery, type TrailFilter } from './audit-trail.query';
import { queriesRun } from './testing/trail-queries-run';
import { STRETCH } from './trail-stretches';

const OFFICER = { id: 'officer-1', name: 'Synthetic Officer', agency: 'Probation', roles: [] };
const OFFICER_TWO = { id: 'officer-2', name: 'Synthetic Officer Two', agency: 'Probation', roles: [] };
const COORDINATOR = { id: 'coordinator-1', name: 'Synthetic Coordinator', agency: 'Metropolitan Police', roles: [] };
const ACTIONS = ['risk-rated', 'action-agreed', 'case-closed'] as const;
const START = Date.UTC(2024, 0, 1, 9);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const COUNT = 6 * Number(STRETCH);

interface Written {
  readonly position: string;
  readonly at: number;
  readonly actor: typeof OFFICER;
  readonly action: string;
}

/**
 * When each entry was stamped: a minute apart in log order, except runs stamped in the same
 * millisecond, commands that kept the time they started through retries (stamped days before
 * entries ahead of them in the log), a process whose clock ran days fast, and the log's last
 * entry stamped at its first minute.
 */
function stampOf(i: number): number {
  if (i === COUNT - 1) return START;
  if (i === 5) return START + 10 * DAY;
  if (i % 389 === 0) return START + i * MINUTE + 2 * DAY;
  if (i % 97 === 0) return START + i * MINUTE - 3 * DAY;
  return START + (i - (i % 7 < 3 ? i % 7 : 0)) * MINUTE;
}

const actorOf = (i: number) => (i % 50 === 0 ? OFFICER : i % 50 === 25 ? OFFICER_TWO : COORDINATOR);

const written: Written[] = [];
let fixture: ReadModelFixture;
let readModels: ReadModelDatabase;
let trail: AuditTrailQuery;

beforeAll(async () => {
  fixture = new ReadModelFixture();
  for (let chunk = 0; chunk < COUNT; chunk += 200) {
    const events: EventToAppend[] = [];
    for (let i = chunk; i < chunk + 200; i++) {
      const recordedAt = new Date(stampOf(i)).toISOString();
      const actor = actorOf(i);
      const action = ACTIONS[i % ACTIONS.length] as string;
      written.push({ position: String(i), at: stampOf(i), actor, action });
      const metadata = { actor, correlationId: `c${i}`, causationId: `c${i}`, occurredAt: recordedAt, recordedAt };
      events.push({
        id: randomUUID(),
        type: action,
        data: { note: 'synthetic' },
        metadata: { ...metadata, schemaVersion: 1 },
      });
    }
    await fixture.store.append(`case-c${chunk}`, events, { expected: 'any' });
  }
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  readModels = new ReadModelDatabase(db);
  trail = new AuditTrailQuery(readModels);
});
afterAll(() => fixture.cleanUp());

type Filter = Omit<TrailFilter, 'limit' | 'after'>;

/** The entries `filter` allows, worked out from what was appended, in log order. */
function expected(filter: Filter): string[] {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
  return written
    .filter(
      (w) =>
        w.at >= from &&
        w.at < to &&
        (filter.agency === undefined || w.actor.agency === filter.agency) &&
        (filter.actor === undefined || w.actor.id === filter.actor) &&
        (filter.actions === undefined || filter.actions.includes(w.action)),
    )
    .map((w) => w.position);
}

/** Every page of `filter`, following `next`, each checked to be in order, within the limit and after its cursor. */
function walk(filter: Filter, limit: number): string[] {
  const seen: string[] = [];
  let after: bigint | undefined;
  for (let pages = 0; pages < COUNT; pages++) {
    const page = trail.page({ ...filter, limit, ...(after === undefined ? {} : { after }) });
    const positions = page.items.map((item) => BigInt(item.position));
    expect(positions.length).toBeLessThanOrEqual(limit);
    positions.forEach((position, i) => expect(position).toBeGreaterThan(i === 0 ? (after ?? -1n) : positions[i - 1]!));
    seen.push(...page.items.map((item) => item.position));
    if (page.next === undefined) return seen;
    expect(page.next).toBe(page.items.at(-1)?.position);
    after = BigInt(page.next);
  }
  throw new Error('the trail never ended');
}

const iso = (at: number) => new Date(at).toISOString();

describe('the audit trail by time', () => {
  it('pages exactly the entries in range, in log order, though `at` is not in log order', () => {
    const ranges: Filter[] = [
      { from: iso(START + 10 * DAY) },
      { from: iso(START + 4000 * MINUTE) },
      { to: iso(START + 30 * MINUTE) },
      { from: iso(START + 2000 * MINUTE), to: iso(START + 2060 * MINUTE) },
      { from: iso(START - 3 * DAY), to: iso(START + 97 * MINUTE) },
      { from: iso(START + 3 * DAY), to: iso(START + 3 * DAY + 7 * MINUTE) },
      { from: '2023-01-01', to: '2024-01-01' },
    ];
    for (const range of ranges) {
      const want = expected(range);
      for (const limit of [1, 7, 100])
        expect({ range, limit, got: walk(range, limit) }).toEqual({ range, limit, got: want });
    }
    // The entries stamped out of order are what a position range taken from `at` in log order would miss.
    expect(walk({ to: iso(START + 30 * MINUTE) }, 100)).toContain(String(COUNT - 1));
    expect(walk({ from: iso(START + 10 * DAY) }, 100)).toEqual(['5']);
  });

  it('compares `from` and `to` as instants, at an entry’s exact time, with or without milliseconds or an offset', () => {
    const at = START + 994 * MINUTE; // entries 994, 995 and 996 were stamped in this millisecond
    const exact = `${iso(at).slice(0, 19)}Z`;
    const shifted = `${iso(at + 2 * 60 * MINUTE).slice(0, 19)}+02:00`;
    for (const from of [exact, iso(at), shifted]) {
      const got = walk({ from, to: iso(at + MINUTE) }, 100);
      expect(got).toEqual(expected({ from: iso(at), to: iso(at + MINUTE) }));
      expect(got).toEqual(expect.arrayContaining(['994', '995', '996']));
    }
    for (const to of [exact, shifted]) {
      expect(walk({ from: iso(at - MINUTE), to }, 100)).toEqual(expected({ from: iso(at - MINUTE), to: iso(at) }));
      expect(walk({ from: iso(at - MINUTE), to }, 100)).not.toContain('995');
    }
  });

  it('filters agency, actor and actions within a range as the whole trail would', () => {
    const filters: Filter[] = [
      { agency: 'Probation', from: iso(START + 1000 * MINUTE) },
      { agency: 'Probation', from: iso(START + 10 * DAY) },
      { agency: 'Metropolitan Police', from: iso(START + 3000 * MINUTE), to: iso(START + 3500 * MINUTE) },
      { actor: 'officer-2', to: iso(START + 4000 * MINUTE) },
      { actions: ['case-closed', 'risk-rated'], agency: 'Probation', from: '2023-12-01' },
      { actions: ['action-agreed'], actor: 'officer-1' },
      { agency: 'nobody', from: iso(START) },
    ];
    for (const filter of filters)
      for (const limit of [3, 100])
        expect({ filter, got: walk(filter, limit) }).toEqual({ filter, got: expected(filter) });
  });
});

describe('the plans of time-filtered pages', () => {
  const entriesAccess = (plan: readonly string[]) => plan.filter((line) => /^(SEARCH|SCAN) e\b/.test(line));

  it('read a range of positions bounded on both sides and sort no one filter’s matches', () => {
    const filters: Filter[] = [
      { from: iso(START + 4000 * MINUTE) },
      { to: iso(START + 30 * MINUTE) },
      { from: iso(START + 2000 * MINUTE), to: iso(START + 2060 * MINUTE) },
      { actor: 'officer-1', actions: ['risk-rated'], from: iso(START + 2000 * MINUTE) },
    ];
    for (const filter of filters) {
      const runs = queriesRun(readModels, () => trail.page({ ...filter, limit: 10 }));
      const pages = runs.filter((run) => run.sql.includes('LIMIT'));
      expect(pages).toHaveLength(1);
      const plan = pages[0]?.plan ?? [];
      expect({ filter, access: entriesAccess(plan) }).toEqual({
        filter,
        access: [expect.stringMatching(/(rowid|position)>\? AND (rowid|position)<\?/)],
      });
      expect({ filter, plan }).toEqual({ filter, plan: expect.not.arrayContaining(['USE TEMP B-TREE FOR ORDER BY']) });
    }
  });

  it('reads an agency of many acts a window of positions at a time, each window an index range', () => {
    for (const filter of [
      { agency: 'Metropolitan Police' },
      { agency: 'Probation', from: iso(START + 1000 * MINUTE) },
    ]) {
      const runs = queriesRun(readModels, () => trail.page({ ...filter, limit: 10 })).filter((run) =>
        run.sql.includes('LIMIT'),
      );
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        expect(entriesAccess(run.plan)).toEqual([
          expect.stringMatching(/entries_by_act \(act=\? AND position>\? AND position<\?\)/),
        ]);
      }
      // The busy agency fills its page from the first window: only that window's matches are sorted.
      const first = runs[0]?.values ?? {};
      expect((first['last'] as bigint) - (first['after'] as bigint)).toBeLessThanOrEqual(4n * STRETCH);
    }
  });

  it('takes a person’s cases first when looking for entries naming them', () => {
    const runs = queriesRun(readModels, () =>
      trail.page({ personId: 'someone', from: iso(START + 1000 * MINUTE), limit: 10 }, { ids: ['someone'] }),
    );
    const plan = runs.find((run) => run.sql.includes('LIMIT'))?.plan ?? [];
    expect(plan).toContainEqual(
      expect.stringMatching(/subjects_by_id \(kind=\? AND id=\? AND position>\? AND position<\?\)/),
    );
    expect(plan).not.toContainEqual(expect.stringMatching(/subjects_by_id \(kind=\?\)$/));
  });

  it('reaches the cases the person index gives a person by index ranges and keys, never a scan', () => {
    const filter = { personId: 'someone', from: iso(START + 1000 * MINUTE), limit: 10 };
    const runs = queriesRun(readModels, () => {
      const page = trail.page(filter, { ids: ['someone'], cases: ['c0', 'c1200'] });
      expect(page.items).toHaveLength(10);
      for (const item of page.items) expect(['c0', 'c1200']).toContain(item.caseId);
    });
    const plan = runs.find((run) => run.sql.includes('LIMIT'))?.plan ?? [];
    expect(plan).toContainEqual(
      expect.stringMatching(/entries_by_case \(case_id=\? AND position>\? AND position<\?\)/),
    );
    // json_each is the lists of ids and cases given; every table is searched by an index or key.
    expect(plan.filter((line) => /^SCAN /.test(line) && !/VIRTUAL TABLE/.test(line))).toEqual(['SCAN hits']);
  });
});
