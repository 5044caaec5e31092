import type Database from 'better-sqlite3';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import type { CohortQuery } from './cohort.query';
import { cohortRows } from './cohort-rows';
import { cohortCursor, parseCohortCursor } from './cohort-cursor';
import type { CohortRow } from './cohort-item';
import type { CohortPageBounds } from './cohort-select';
import { appendRandomCaseLog } from './testing/random-case-log';
import { cohortTablesOf } from './testing/cohort-tables';
import { referAllianceCase } from './testing/meeting-history';

const AS_AT = new Date('2024-12-31T12:00:00Z');
const PEOPLE = { personOfCase: (_: string, personId: string) => personId, idsOf: (personId: string) => [personId] };

const caseIds = (
  connection: Database.Database,
  tables: VersionedProjectionDatabase,
  panel: string,
  query: CohortQuery,
  page?: CohortPageBounds,
) => {
  const { rows, total, more } = cohortRows(connection, tables, query, panel, AS_AT, PEOPLE, undefined, page);
  return { ids: rows.map((row) => row.case_id), total, more, rows };
};

describe('tracker pages read in SQL', () => {
  it('gives each page the rows the whole list has there, and its total, however deep', async () => {
    const fixture = new ReadModelFixture();
    try {
      await appendRandomCaseLog(fixture.store, 4_000, seededRandom(4242), { cases: 600 });
      const { connection, tables } = await cohortTablesOf(fixture.store);
      const queries: [string, CohortQuery][] = [
        ['MARAC', {}],
        ['MARAC', { rag: 'amber' }],
        ['IOM', {}],
        ['IOM', { eligibility: 'rejected' }],
        ['ALLIANCE', { overdue: 'true' }],
      ];
      for (const [panel, query] of queries) {
        const whole = caseIds(connection, tables, panel, query).ids;
        expect(whole).not.toEqual([]);
        for (const offset of [0, 1, 3, 50, whole.length - 1, whole.length, whole.length + 5])
          expect(caseIds(connection, tables, panel, query, { offset, limit: 3 })).toMatchObject({
            ids: whole.slice(offset, offset + 3),
            total: whole.length,
            more: offset + 3 < whole.length,
          });
        const rows = caseIds(connection, tables, panel, query).rows;
        for (const last of [0, 1, 3, 50, rows.length - 2, rows.length - 1].filter((i) => i >= 0 && i < rows.length)) {
          const after = parseCohortCursor(cohortCursor(rows[last] as CohortRow));
          expect(caseIds(connection, tables, panel, query, { offset: 0, limit: 3, after })).toMatchObject({
            ids: whole.slice(last + 1, last + 4),
            total: whole.length,
            more: last + 4 < whole.length,
          });
        }
      }
      connection.close();
    } finally {
      await fixture.cleanUp();
    }
  });

  it('orders referrals recorded with an offset by their instant, as UTC ones', async () => {
    const fixture = new ReadModelFixture();
    try {
      // Before intake kept UTC: 00:30 BST on 1 May is 23:30 UTC on 30 April, before 23:45 UTC.
      const referredAt = { 'case-bst': '2024-05-01T00:30:00+01:00', 'case-utc': '2024-04-30T23:45:00Z' };
      for (const [caseId, occurredAt] of Object.entries(referredAt))
        await referAllianceCase(fixture.store, caseId, occurredAt);
      const { connection, tables } = await cohortTablesOf(fixture.store);
      expect(caseIds(connection, tables, 'ALLIANCE', {}, { offset: 0, limit: 50 }).ids).toEqual([
        'case-bst',
        'case-utc',
      ]);
      expect(caseIds(connection, tables, 'ALLIANCE', {}, { offset: 1, limit: 50 }).ids).toEqual(['case-utc']);
      connection.close();
    } finally {
      await fixture.cleanUp();
    }
  });
});
