import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { ukDateAt } from '../domain/calendar';
import { stillEligible, type PeopleNow } from './cohort-eligibility';
import type { CohortRow } from './cohort-item';
import { peopleNowFrom } from './cohort-people-now';
import { standingRejections } from './cohort-rejections';
import { isRejection, selectCohort } from './cohort-select';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import type { CohortService } from './cohort.service';
import { liveCohort } from './testing/live-cohort';
import { appendIomStandingLog } from './testing/iom-standing-log';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const IOM = findPanel(DEFAULT_PANEL_REGISTRY, 'IOM') as PanelDefinition;
const NOT_ADOPTED: CohortQuery = { eligibility: 'eligible-not-adopted' };
const FILTERS: CohortQuery[] = [
  NOT_ADOPTED,
  { ...NOT_ADOPTED, status: 'custody' },
  { ...NOT_ADOPTED, rag: 'red' },
  { ...NOT_ADOPTED, q: 'synthetic' },
];

describe.each([
  [21, 900],
  [9, 1400],
])('IOM eligible but not adopted, on a random history of merges, splits and uploads (seed %i)', (seed, steps) => {
  const fixture = new ReadModelFixture();
  let readModels: ReadModelDatabase;
  let people: PersonIndexQuery;
  let service: CohortService;

  beforeAll(async () => {
    await appendIomStandingLog(fixture.store, seededRandom(seed), steps);
    ({ readModels, people, service } = await liveCohort(fixture));
  });
  afterAll(async () => {
    service.onModuleDestroy();
    await fixture.cleanUp();
  });

  /** The candidates the SQL selects, narrowed in code as the definition says: rejections that still stand, people whose latest word is eligible. */
  const reference = (query: CohortQuery, now: PeopleNow) =>
    readModels.read(() => {
      const { connection } = readModels;
      const tables = readModels.tables(cohortProjection.name);
      const { sql, params } = selectCohort(tables, { ...query, q: undefined }, 'IOM', NOW);
      const candidates = connection.prepare<unknown[], CohortRow>(sql).all(...params);
      const standing = standingRejections(candidates, connection, tables, 'IOM', now.personOfCase);
      const kept = stillEligible(standing, connection, tables, now);
      return { candidates, standing, kept: kept.map((row) => row.case_id) };
    });

  it('lists, pages and counts exactly what the definition keeps, with each recorded reason', async () => {
    const now = peopleNowFrom(people);
    const { candidates, standing, kept } = reference(NOT_ADOPTED, now);
    // The history overturns rejections and takes people out on later evidence, and who a case is
    // about now (merges, splits) changes the answer.
    expect(candidates.filter(isRejection).length).toBeGreaterThan(20);
    expect(candidates.length - standing.length).toBeGreaterThan(5);
    expect(standing.length - kept.length).toBeGreaterThan(5);
    const asReferred = { personOfCase: (_: string, id: string) => id, idsOf: (id: string) => [id] };
    expect(reference(NOT_ADOPTED, asReferred).kept).not.toEqual(kept);

    const whole = await service.cohort(IOM, { ...NOT_ADOPTED, limit: 500 }, NOW);
    expect(whole.items.map((item) => item.caseId)).toEqual(kept);
    expect(whole.items.filter((item) => 'iom' in item && item.iom.decision === 'rejected').length).toBeGreaterThan(5);
    for (const query of FILTERS) {
      const ids = query.q === undefined ? reference(query, now).kept : [];
      const n = ids.length;
      const all = query.q === undefined ? whole : await service.cohort(IOM, { ...query, limit: 500 }, NOW);
      const items = all.items.filter((item) => ids.includes(item.caseId));
      for (const offset of [0, 1, 4, n - 1, n, n + 3].filter((o) => o >= 0)) {
        const page = await service.cohort(IOM, { ...query, offset, limit: 5 }, NOW);
        expect({ query, offset, page: { ...page, namesPending: undefined } }).toEqual({
          query,
          offset,
          page: {
            panel: 'IOM',
            total: n,
            items: (query === NOT_ADOPTED ? whole.items : items).slice(offset, offset + 5),
            ...(offset + 5 < n ? { next: { offset: offset + 5, limit: 5, after: expect.any(String) } } : {}),
            namesPending: undefined,
          },
        });
        if (page.next === undefined) continue;
        // The cursor goes on where the offset would, the whole list decided in one statement.
        const after = await service.cohort(IOM, { ...query, after: page.next.after, limit: 5 }, NOW);
        expect({ query, offset, items: after.items }).toEqual({
          query,
          offset,
          items: (query === NOT_ADOPTED ? whole.items : items).slice(offset + 5, offset + 10),
        });
      }
    }
  });

  it("keeps a rejection only while it is the person's latest referral and they hold no open case, earlier closed periods included", () => {
    const now = peopleNowFrom(people);
    const { kept } = reference(NOT_ADOPTED, now);
    type Case = {
      case_id: string;
      person_id: string;
      phase: string;
      iom_decision: string | null;
      order: string;
      last_position: number;
    };
    const cases = readModels.read(() =>
      readModels.connection
        .prepare<[], Case>(
          `SELECT case_id, person_id, phase, iom_decision, last_position, referred_order || ' ' || case_id AS "order"
             FROM ${readModels.tables(cohortProjection.name).table('cases')} WHERE panel = 'IOM'`,
        )
        .all(),
    );
    const personOf = (row: Case) => now.personOfCase(row.case_id, row.person_id);
    const listedRejections = cases.filter((row) => kept.includes(row.case_id) && isRejection(row));
    const othersOf = (row: Case) => cases.filter((o) => o.case_id !== row.case_id && personOf(o) === personOf(row));
    const overturned = listedRejections.filter((row) =>
      othersOf(row).some((o) => !['closed', 'declined'].includes(o.phase) || o.order > row.order),
    );
    expect(overturned.map((row) => row.case_id)).toEqual([]);
    // Nominals back after an earlier IOM period: the closed case does not answer for the rejection.
    const closedPeriods = listedRejections.flatMap((row) =>
      othersOf(row)
        .filter((o) => o.phase === 'closed' && o.iom_decision !== null && o.order < row.order)
        .map((o) => ({ row, o })),
    );
    expect(new Set(closedPeriods.map(({ row }) => row.case_id)).size).toBeGreaterThan(4);
    // Some typed in after the rejection, some under a record since merged into the person.
    expect(closedPeriods.filter(({ row, o }) => o.last_position > row.last_position).length).toBeGreaterThan(0);
    expect(closedPeriods.filter(({ row, o }) => o.person_id !== row.person_id).length).toBeGreaterThan(0);
  });

  it("gives today's date what the live list gives, the one decided in code and the other in SQL", async () => {
    const live = await service.cohort(IOM, { ...NOT_ADOPTED, limit: 500 }, NOW);
    const today = await service.cohort(IOM, { ...NOT_ADOPTED, asOf: ukDateAt(NOW), limit: 500 }, NOW);
    expect(today.items.map((item) => item.caseId)).toEqual(live.items.map((item) => item.caseId));
    expect(today.total).toBe(live.total);
  });

  it('gives a past day what the in-code definition gives it', async () => {
    const day = '2024-01-01';
    const whole = await service.cohort(IOM, { ...NOT_ADOPTED, asOf: day, limit: 500 }, NOW);
    const page = await service.cohort(IOM, { ...NOT_ADOPTED, asOf: day, offset: 2, limit: 3 }, NOW);
    expect(page.items).toEqual(whole.items.slice(2, 5));
    expect(page.total).toBe(whole.total);
    expect(whole.total).toBeGreaterThan(8);
    const after = await service.cohort(IOM, { ...NOT_ADOPTED, asOf: day, after: page.next?.after, limit: 3 }, NOW);
    expect(after.items).toEqual(whole.items.slice(5, 8));
  });
});
