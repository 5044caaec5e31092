import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { recordConfirmedMerge } from '../../../identity/src/testing/confirmed-merge';
import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { ukDateAt } from '../domain/calendar';
import { stillEligible, type PeopleNow } from './cohort-eligibility';
import type { CohortRow } from './cohort-item';
import { peopleNowFrom } from './cohort-people-now';
import { standingGaps } from './cohort-rejections';
import { isRejection, OPEN_CASE, selectCohort } from './cohort-select';
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
      const standing = standingGaps(candidates, connection, tables, 'IOM', now.personOfCase);
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

  it("weighs each person's own words by when they were true, referrals typed in late included", () => {
    const now = peopleNowFrom(people);
    type Word = { case_id: string; person_id: string; eligible: number; position: number; occurred_at: string };
    const words = readModels.read(() =>
      readModels.connection
        .prepare<[], Word>(
          `SELECT case_id, person_id, eligible, position, occurred_at
             FROM ${readModels.tables(cohortProjection.name).table('iom_case_evidence')} WHERE track = 'own'`,
        )
        .all(),
    );
    const latest = new Map<string, { byInstant: Word; byPosition: Word }>();
    for (const word of words) {
      const person = now.personOfCase(word.case_id, word.person_id);
      const known = latest.get(person) ?? { byInstant: word, byPosition: word };
      const { byInstant, byPosition } = known;
      const later = word.occurred_at > byInstant.occurred_at;
      const tie = word.occurred_at === byInstant.occurred_at && word.position > byInstant.position;
      latest.set(person, {
        byInstant: later || tie ? word : byInstant,
        byPosition: word.position > byPosition.position ? word : byPosition,
      });
    }
    // People whose latest word by log position says otherwise than the latest by time: the order decides.
    const disputed = [...latest.values()].filter(
      ({ byInstant, byPosition }) => byInstant.eligible !== byPosition.eligible,
    );
    expect(disputed.length).toBeGreaterThan(3);
  });

  it('never lists a referral awaiting a decision while its person is managed on another open case of the panel', () => {
    const now = peopleNowFrom(people);
    const { candidates, kept } = reference(NOT_ADOPTED, now);
    type Managed = { case_id: string; person_id: string };
    const managed = readModels.read(() =>
      readModels.connection
        .prepare<[], Managed>(
          `SELECT case_id, person_id FROM ${readModels.tables(cohortProjection.name).table('cases')}
            WHERE panel = 'IOM' AND ${OPEN_CASE} AND iom_decision IN ('adopted', 'discretionary')`,
        )
        .all(),
    );
    const managedPeople = new Set(managed.map((row) => now.personOfCase(row.case_id, row.person_id)));
    const duplicates = candidates.filter(
      (row) => !isRejection(row) && managedPeople.has(now.personOfCase(row.case_id, row.person_id)),
    );
    expect(duplicates.length).toBeGreaterThan(2);
    expect(duplicates.filter((row) => kept.includes(row.case_id))).toEqual([]);
  });

  it('lists a person awaiting a decision on two or more cases once, by the first referred', async () => {
    const now = peopleNowFrom(people);
    const { candidates } = reference(NOT_ADOPTED, now);
    const listed = (await service.cohort(IOM, { ...NOT_ADOPTED, limit: 500 }, NOW)).items.map((item) => item.caseId);
    const awaiting = new Map<string, CohortRow[]>();
    for (const row of candidates.filter((candidate) => !isRejection(candidate))) {
      const person = now.personOfCase(row.case_id, row.person_id);
      awaiting.set(person, [...(awaiting.get(person) ?? []), row]);
    }
    const twice = [...awaiting.values()].filter((rows) => rows.length > 1);
    expect(twice.length).toBeGreaterThan(2);
    for (const rows of twice) {
      const shown = rows.filter((row) => listed.includes(row.case_id));
      // Candidates come in referral order: only the first may be listed (or none, when the person is managed or not eligible).
      expect(shown.length === 0 || (shown.length === 1 && shown[0] === rows[0])).toBe(true);
    }
    expect(twice.filter((rows) => listed.includes((rows[0] as CohortRow).case_id)).length).toBeGreaterThan(0);
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

/** One synthetic IOM history appended event by event: `recordedAt` is when it was typed in. */
function iomHistory(fixture: ReadModelFixture) {
  const append = (stream: string, type: string, data: object, recordedAt: string) =>
    fixture.store.append(stream, toEventsToAppend([{ type, data }], coordinatorContext(recordedAt)), {
      expected: 'any',
    });
  return {
    registered: (personId: string, recordedAt: string) =>
      append(
        `person-${personId}`,
        'person-registered',
        { personId, details: { forenames: 'Synthetic', surname: personId, aliases: [], identifiers: {} } },
        recordedAt,
      ),
    /** A referral on `referredAt`, evaluated then as the form's scores say. */
    referred: async (caseId: string, personId: string, referredAt: string, eligible: boolean, recordedAt: string) => {
      const details = {
        kind: 'iom',
        route: 'referral-form',
        scores: { ogrs2y: eligible ? 80 : 40, ovp2y: 35, robberyOrBurglaryInLast2Years: false },
        statusAtReferral: null,
      };
      const referral = { caseId, panelCode: 'IOM', personId, recordId: personId, occurredAt: referredAt };
      const form = { referrer: { name: 'Synthetic Referrer', agency: 'probation' }, reason: 'Synthetic', details };
      await append(`case-${caseId}`, 'referral-made', { ...referral, ...form }, recordedAt);
      await append(
        `case-${caseId}`,
        'iom-eligibility-evaluated',
        { eligible, source: 'referral', occurredAt: referredAt },
        recordedAt,
      );
    },
    reassessed: (caseId: string, eligible: boolean, occurredAt: string) =>
      append(
        `case-${caseId}`,
        'iom-eligibility-evaluated',
        { eligible, source: 're-assessment', occurredAt },
        occurredAt,
      ),
    rejected: async (caseId: string, category: string, eligibleWhenRejected: boolean, occurredAt: string) => {
      const reason = `Synthetic: ${category}`;
      await append(
        `case-${caseId}`,
        'iom-case-rejected',
        { category, reason, eligibleWhenRejected, occurredAt },
        occurredAt,
      );
      await append(`case-${caseId}`, 'referral-declined', { reason, occurredAt }, occurredAt);
    },
    adopted: async (
      caseId: string,
      decision: 'iom-case-adopted' | 'iom-discretionary-adoption',
      occurredAt: string,
    ) => {
      await append(`case-${caseId}`, decision, { reason: 'Synthetic adoption', occurredAt }, occurredAt);
      await append(`case-${caseId}`, 'referral-accepted', { occurredAt }, occurredAt);
    },
    closed: (caseId: string, occurredAt: string) =>
      append(`case-${caseId}`, 'case-closed', { exitStatus: 'moved-out-of-area', occurredAt }, occurredAt),
    merged: (survivorId: string, mergedId: string, occurredAt: string) =>
      recordConfirmedMerge(
        fixture.store,
        { survivorId, mergedId, reason: 'Same nominal', occurredAt },
        coordinatorContext(occurredAt),
      ),
  };
}

describe('IOM eligible but not adopted, decided in SQL and in code, on the sequences a coordinator records', () => {
  const TODAY = new Date('2024-12-02T12:00:00.000Z');
  let fixture: ReadModelFixture;
  let cohort: Awaited<ReturnType<typeof liveCohort>>;
  beforeEach(() => {
    fixture = new ReadModelFixture();
  });
  afterEach(async () => {
    cohort.service.onModuleDestroy();
    await fixture.cleanUp();
  });

  /** Whether `caseId` is listed: live (SQL), by the in-code definition on the live tables, and as of days (replayed, in code). */
  const listed = async (caseId: string, ...days: string[]) => {
    await cohort.catchUp();
    const { readModels, people, service } = cohort;
    const now = peopleNowFrom(people);
    const inCode = readModels.read(() => {
      const { connection } = readModels;
      const tables = readModels.tables(cohortProjection.name);
      const { sql, params } = selectCohort(tables, NOT_ADOPTED, 'IOM', TODAY);
      const candidates = connection.prepare<unknown[], CohortRow>(sql).all(...params);
      return stillEligible(
        standingGaps(candidates, connection, tables, 'IOM', now.personOfCase),
        connection,
        tables,
        now,
      );
    });
    const ids = async (query: CohortQuery) =>
      (await service.cohort(IOM, { ...query, limit: 500 }, TODAY)).items.map((item) => item.caseId);
    const answers: Record<string, boolean> = {
      sql: (await ids(NOT_ADOPTED)).includes(caseId),
      code: inCode.some((row) => row.case_id === caseId),
    };
    for (const day of days) answers[day] = (await ids({ ...NOT_ADOPTED, asOf: day })).includes(caseId);
    return answers;
  };
  const everyWay = (...days: string[]) => ({
    sql: true,
    code: true,
    ...Object.fromEntries(days.map((day) => [day, true])),
  });
  const noWay = (...days: string[]) => ({
    sql: false,
    code: false,
    ...Object.fromEntries(days.map((day) => [day, false])),
  });

  it("keeps an eligible nominal's standing rejection when his older, not eligible referral is typed in after it", async () => {
    const history = iomHistory(fixture);
    await history.registered('ryan', '2024-10-16T10:00:00.000Z');
    await history.referred('october', 'ryan', '2024-10-16T10:00:00.000Z', true, '2024-10-16T10:00:00.000Z');
    await history.rejected('october', 'capacity', true, '2024-10-18T10:00:00.000Z');
    cohort = await liveCohort(fixture);
    expect(await listed('october', '2024-12-02', '2024-11-01')).toEqual(everyWay('2024-12-02', '2024-11-01'));

    // August's paper referral (OGRS 40, not eligible then), rejected then, typed in now.
    await history.referred('august', 'ryan', '2024-08-09T10:00:00.000Z', false, '2024-11-20T10:00:00.000Z');
    await history.rejected('august', 'not-suitable', false, '2024-08-12T10:00:00.000Z');
    expect(await listed('october', '2024-12-02', '2024-11-01')).toEqual(everyWay('2024-12-02', '2024-11-01'));
    expect(await listed('august', '2024-12-02', '2024-11-01')).toEqual(noWay('2024-12-02', '2024-11-01'));

    // A newer word saying he is not eligible (a re-assessment on his other case) does take him out, from its day.
    await history.reassessed('august', false, '2024-11-25T10:00:00.000Z');
    expect(await listed('october', '2024-12-02', '2024-11-01')).toEqual({ ...noWay('2024-12-02'), '2024-11-01': true });
  });

  it('lists a person with two referrals awaiting a decision, revealed by a merge, once: by the first referred', async () => {
    const history = iomHistory(fixture);
    await history.registered('dylan', '2024-03-04T10:00:00.000Z');
    await history.referred('first', 'dylan', '2024-03-04T10:00:00.000Z', true, '2024-03-04T10:00:00.000Z');
    // His surname misspelt: a new record, referred again by another agency.
    await history.registered('dylan-again', '2024-04-10T10:00:00.000Z');
    await history.referred('second', 'dylan-again', '2024-04-10T10:00:00.000Z', true, '2024-04-10T10:00:00.000Z');
    cohort = await liveCohort(fixture);
    expect(await listed('second', '2024-06-01')).toEqual(everyWay('2024-06-01'));

    const alsoPending = async (query: CohortQuery) =>
      (await cohort.service.cohort(IOM, { ...query, limit: 500 }, TODAY)).items.map((item) => [
        item.caseId,
        'iom' in item ? item.iom.alsoPending : undefined,
      ]);
    expect(await alsoPending(NOT_ADOPTED)).toEqual([
      ['first', []],
      ['second', []],
    ]);

    await history.merged('dylan', 'dylan-again', '2024-05-20T10:00:00.000Z');
    expect(await listed('first', '2024-06-01')).toEqual(everyWay('2024-06-01'));
    expect(await listed('second', '2024-06-01')).toEqual(noWay('2024-06-01'));
    // The one to decide names its duplicate, on the list and, beside it, on the tracker.
    expect(await alsoPending(NOT_ADOPTED)).toEqual([['first', ['second']]]);
    expect(await alsoPending({ ...NOT_ADOPTED, asOf: '2024-06-01' })).toEqual([['first', ['second']]]);
    expect(await alsoPending({})).toEqual([
      ['first', ['second']],
      ['second', ['first']],
    ]);

    // The panel rejects the first: the second, still awaiting a decision, is the gap now.
    await history.rejected('first', 'capacity', true, '2024-06-10T10:00:00.000Z');
    expect(await listed('first', '2024-07-01')).toEqual(noWay('2024-07-01'));
    expect(await listed('second', '2024-07-01')).toEqual(everyWay('2024-07-01'));
    expect(await alsoPending(NOT_ADOPTED)).toEqual([['second', []]]);
  });

  it.each(['iom-case-adopted', 'iom-discretionary-adoption'] as const)(
    'leaves out a pending duplicate referral while the person is managed on another open case (%s)',
    async (decision) => {
      const history = iomHistory(fixture);
      await history.registered('gareth', '2024-02-01T10:00:00.000Z');
      await history.referred('managed', 'gareth', '2024-02-01T10:00:00.000Z', true, '2024-02-01T10:00:00.000Z');
      await history.adopted('managed', decision, '2024-02-08T10:00:00.000Z');
      // His date of birth one day out: a new record, referred again.
      await history.registered('gareth-again', '2024-05-02T10:00:00.000Z');
      await history.referred('duplicate', 'gareth-again', '2024-05-02T10:00:00.000Z', true, '2024-05-02T10:00:00.000Z');
      cohort = await liveCohort(fixture);
      expect(await listed('duplicate', '2024-06-01')).toEqual(everyWay('2024-06-01'));

      await history.merged('gareth', 'gareth-again', '2024-05-20T10:00:00.000Z');
      expect(await listed('duplicate', '2024-06-01')).toEqual(noWay('2024-06-01'));

      // His IOM period ends: the pending referral is a nominal no one manages.
      await history.closed('managed', '2024-07-03T10:00:00.000Z');
      expect(await listed('duplicate', '2024-06-01', '2024-08-01')).toEqual({
        ...everyWay('2024-08-01'),
        '2024-06-01': false,
      });
    },
  );
});
