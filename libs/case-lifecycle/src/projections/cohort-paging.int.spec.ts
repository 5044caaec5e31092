import type Database from 'better-sqlite3';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import { cohortRows } from './cohort-rows';
import { appendRandomCaseLog } from './testing/random-case-log';
import { emptyCohortTables } from './testing/cohort-tables';
import { wholeLog } from './testing/whole-log';

const AS_AT = new Date('2024-12-31T12:00:00Z');
const PEOPLE = { personOfCase: (_: string, personId: string) => personId, idsOf: (personId: string) => [personId] };

/** Cohort tables (with their indexes) fed the fixture's whole log. */
async function trackerOf(fixture: ReadModelFixture) {
  const { connection, tables } = emptyCohortTables();
  cohortProjection.indexes?.(tables);
  const log = await wholeLog(fixture.store);
  const projected = log.filter((event) => cohortProjection.streamPrefixes?.some((p) => event.stream.startsWith(p)));
  connection.transaction(() => cohortProjection.applyBatch?.(tables, projected))();
  return { connection, tables };
}

const caseIds = (
  connection: Database.Database,
  tables: VersionedProjectionDatabase,
  panel: string,
  query: CohortQuery,
  page?: { offset: number; limit: number },
) => {
  const { rows, total } = cohortRows(connection, tables, query, panel, AS_AT, PEOPLE, undefined, page);
  return { ids: rows.map((row) => row.case_id), total };
};

describe('tracker pages read in SQL', () => {
  it('gives each page the rows the whole list has there, and its total, however deep', async () => {
    const fixture = new ReadModelFixture();
    try {
      await appendRandomCaseLog(fixture.store, 4_000, seededRandom(4242), { cases: 600 });
      const { connection, tables } = await trackerOf(fixture);
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
          expect(caseIds(connection, tables, panel, query, { offset, limit: 3 })).toEqual({
            ids: whole.slice(offset, offset + 3),
            total: whole.length,
          });
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
        await fixture.store.append(
          `case-${caseId}`,
          toEventsToAppend(
            [
              {
                type: 'referral-made',
                data: {
                  caseId,
                  panelCode: 'ALLIANCE',
                  personId: `person-of-${caseId}`,
                  referrer: { name: 'Synthetic Referrer', agency: 'police' },
                  reason: 'Synthetic',
                  occurredAt,
                  details: { kind: 'alliance' },
                },
              },
            ],
            coordinatorContext(occurredAt),
          ),
          { expected: 'no-stream' },
        );
      const { connection, tables } = await trackerOf(fixture);
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
