import type Database from 'better-sqlite3';
import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import { referralNamesFrom, type ReferralNames } from './cohort-referral-names';
import type { PeopleNow } from './cohort-eligibility';
import { liveCohort } from './testing/live-cohort';
import { cohortRows } from './cohort-rows';
import { countCohort, selectCohort } from './cohort-select';
import { cohortTablesOf, emptyCohortTables } from './testing/cohort-tables';
import { listCase, referAllianceCase } from './testing/meeting-history';
import { referNamedAllianceCase } from './testing/named-people-log';
import { referEligibleIomCase } from './testing/iom-standing-log';
import { peopleNowFrom } from './cohort-people-now';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const PAGE = { offset: 10_000, limit: 50 };

/**
 * Queries the SQL answers alone (no name search through the person index, not
 * `eligible-not-adopted`): a page must be read off an index in referral order, so that page 1 and
 * a deep page cost what their rows cost, not what the panel's do.
 */
const PAGED_IN_SQL: [string, CohortQuery][] = [
  ['MARAC', {}],
  ['MARAC', { rag: 'red', overdue: 'true' }],
  ['MARAC', { idva: 'none', status: 'awaiting-meeting' }],
  ['MARAC', { q: 'okafor' }],
  ['IOM', { eligibility: 'eligible' }],
  ['IOM', { eligibility: 'not-eligible' }],
  ['IOM', { eligibility: 'adopted', enforcement: 'background-checks' }],
  ['IOM', { eligibility: 'rejected' }],
  ['ALLIANCE', { overdue: 'true' }],
  ['ALLIANCE', { nextReviewBefore: '2025-07-01' }],
  ['MARAC', { nextReviewBefore: '2025-07-01', rag: 'red', overdue: 'true' }],
  ['IOM', { nextReviewBefore: '2025-07-01', eligibility: 'adopted' }],
];

describe('the tracker page query plan', () => {
  const { connection, tables } = emptyCohortTables();
  cohortProjection.indexes?.(tables);
  afterAll(() => connection.close());

  const planOf = ({ sql, params }: { sql: string; params: unknown[] }): string[] =>
    connection
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((step) => step.detail);

  it.each(PAGED_IN_SQL)('reads a %s page %j off a referral-order index, sorting nothing', (panel, query) => {
    const plan = planOf(selectCohort(tables, query, panel, NOW, PAGE));
    // The page's first key (past the offset), then the page from it: both walk the index.
    const cases = plan.filter((step) => step.startsWith('SEARCH c '));
    expect(cases).toEqual([
      expect.stringMatching(
        /^SEARCH c USING INDEX panel_cohort_v\d+_(cases_open|rejections)_by_referral \(panel=\? AND referred_order>\?\)$/,
      ),
      expect.stringMatching(
        /^SEARCH c USING (COVERING )?INDEX panel_cohort_v\d+_(cases_open|rejections)_by_referral \(panel=\?\)$/,
      ),
    ]);
    expect(plan.filter((step) => step.includes('TEMP B-TREE') || step.startsWith('SCAN'))).toEqual([]);
  });

  const AFTER = { offset: 0, limit: 50, after: { referredOrder: '2025-01-01T09:00:00.000Z', caseId: 'case-1' } };
  it.each(PAGED_IN_SQL)('reads a %s page %j after a cursor from its key on a referral-order index', (panel, query) => {
    const plan = planOf(selectCohort(tables, query, panel, NOW, AFTER));
    expect(plan.filter((step) => step.startsWith('SEARCH c '))).toEqual([
      expect.stringMatching(
        /^SEARCH c USING INDEX panel_cohort_v\d+_(cases_open|rejections)_by_referral \(panel=\? AND \(referred_order,case_id\)>\(\?,\?\)\)$/,
      ),
    ]);
    expect(plan.filter((step) => step.includes('TEMP B-TREE') || step.startsWith('SCAN'))).toEqual([]);
  });

  const REVIEWED = PAGED_IN_SQL.filter(([, query]) => query.nextReviewBefore !== undefined);
  it.each(REVIEWED)('decides a %s review date %j on the listings of each case, by its key', (panel, query) => {
    for (const statement of [selectCohort(tables, query, panel, NOW, PAGE), countCohort(tables, query, panel, NOW)]) {
      const listings = planOf(statement).filter((step) => / w /.test(step));
      expect(listings.length).toBeGreaterThan(0);
      for (const step of listings)
        expect(step).toMatch(/^SEARCH w (EXISTS )?USING PRIMARY KEY \(case_id=\? AND uk_day>\? AND uk_day<\?\)$/);
    }
  });

  it.each(PAGED_IN_SQL)("counts a %s query %j on an index of the panel's cases", (panel, query) => {
    const plan = planOf(countCohort(tables, query, panel, NOW));
    expect(plan[0]).toMatch(/^SEARCH c USING (COVERING )?INDEX panel_cohort_v\d+_\w+ \(panel=\?/);
    expect(plan.filter((step) => step.includes('TEMP B-TREE') || step.startsWith('SCAN'))).toEqual([]);
  });
});

/** Counts the rows the statements prepared on `connection` from now on hand to JavaScript. */
function rowsReadFrom(connection: Database.Database): () => number {
  let read = 0;
  const prepare = connection.prepare.bind(connection);
  const counting = (source: string) => {
    const statement = prepare(source);
    const all = statement.all.bind(statement);
    const get = statement.get.bind(statement);
    statement.all = (...params: unknown[]) => {
      const rows = all(...params);
      read += rows.length;
      return rows;
    };
    statement.get = (...params: unknown[]) => {
      const row = get(...params);
      if (row !== undefined) read += 1;
      return row;
    };
    return statement;
  };
  connection.prepare = counting as typeof connection.prepare;
  return () => read;
}

/** A page of the live tracker (the person index on the same database), and whether its statements handed JavaScript fewer than 20 rows. */
function livePage(
  db: Database.Database,
  readModels: ReadModelDatabase,
  query: CohortQuery,
  panel: string,
  people: PeopleNow,
  names: ReferralNames | undefined,
  offset: number,
  limit: number,
) {
  const read = rowsReadFrom(db);
  const { rows, total } = readModels.read(() =>
    cohortRows(db, readModels.tables(cohortProjection.name), query, panel, NOW, people, names, { offset, limit }),
  );
  return { ids: rows.map((row) => row.case_id), total, fewRowsRead: read() < 20 };
}

const PEOPLE_AS_REFERRED = { personOfCase: (_: string, personId: string) => personId, idsOf: (id: string) => [id] };

describe('a tracker page filtered by review date', () => {
  const fixture = new ReadModelFixture();
  afterAll(() => fixture.cleanUp());

  it("hands JavaScript the page's rows and their meetings, not every case the date keeps", async () => {
    for (let i = 0; i < 400; i++) {
      const caseId = `reviewed-${String(i).padStart(3, '0')}`;
      await referAllianceCase(fixture.store, caseId, '2025-04-01T09:00:00Z');
      await listCase(
        fixture.store,
        caseId,
        `meeting-${i % 20}`,
        `2025-06-${String(1 + (i % 20)).padStart(2, '0')}T10:00:00Z`,
      );
    }
    const { connection, tables } = await cohortTablesOf(fixture.store);
    const read = rowsReadFrom(connection);
    const { rows, total } = cohortRows(
      connection,
      tables,
      { nextReviewBefore: '2025-07-01' },
      'ALLIANCE',
      NOW,
      PEOPLE_AS_REFERRED,
      undefined,
      { offset: 300, limit: 5 },
    );
    expect({ ids: rows.map((row) => row.case_id), total }).toEqual({
      ids: ['reviewed-300', 'reviewed-301', 'reviewed-302', 'reviewed-303', 'reviewed-304'],
      total: 400,
    });
    // The page's five rows, its count, and what the page's meetings say.
    expect(read()).toBeLessThan(20);
    connection.close();
  });
});

describe('a tracker page searched by name', () => {
  const fixture = new ReadModelFixture();
  afterAll(() => fixture.cleanUp());

  it("hands JavaScript the page's rows, not every candidate's names", async () => {
    for (let i = 0; i < 400; i++) {
      const name =
        i % 40 === 0 ? { forenames: 'Zoë', surname: 'O\u2019Brien' } : { forenames: 'Sam', surname: 'Smith' };
      await referNamedAllianceCase(fixture.store, `searched-${String(i).padStart(3, '0')}`, name);
    }
    const { db, readModels, people } = await liveCohort(fixture);
    const names = referralNamesFrom(people);
    const page = livePage(db, readModels, { q: "zoe o'brien" }, 'ALLIANCE', PEOPLE_AS_REFERRED, names, 3, 2);
    // The page's two rows, its count, the index's version, and none of the 400 candidates' names.
    expect({ ...page, pending: names.pending.size }).toEqual({
      ids: ['searched-120', 'searched-160'],
      total: 10,
      fewRowsRead: true,
      pending: 0,
    });
  });
});

describe('an IOM page of people eligible but not adopted', () => {
  const fixture = new ReadModelFixture();
  afterAll(() => fixture.cleanUp());

  it("hands JavaScript the page's rows, not every candidate and their evidence", async () => {
    for (let i = 0; i < 400; i++)
      await referEligibleIomCase(fixture.store, `nominal-${String(i).padStart(3, '0')}`, i % 10 === 0);
    const { db, readModels, people } = await liveCohort(fixture);
    const page = livePage(
      db,
      readModels,
      { eligibility: 'eligible-not-adopted' },
      'IOM',
      peopleNowFrom(people),
      undefined,
      300,
      5,
    );
    // The page's five rows, its count, and the index's version: none of the 400 candidates' people.
    expect(page).toEqual({
      ids: ['nominal-300', 'nominal-301', 'nominal-302', 'nominal-303', 'nominal-304'],
      total: 400,
      fewRowsRead: true,
    });
  });
});
