import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import { countCohort, selectCohort } from './cohort-select';
import { emptyCohortTables } from './testing/cohort-tables';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const PAGE = { offset: 10_000, limit: 50 };

/**
 * Queries the SQL answers alone (no name search through the person index, no review date, not
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

  it.each(PAGED_IN_SQL)("counts a %s query %j on an index of the panel's cases", (panel, query) => {
    const plan = planOf(countCohort(tables, query, panel, NOW));
    expect(plan[0]).toMatch(/^SEARCH c USING (COVERING )?INDEX panel_cohort_v\d+_\w+ \(panel=\?/);
    expect(plan.filter((step) => step.includes('TEMP B-TREE') || step.startsWith('SCAN'))).toEqual([]);
  });
});
