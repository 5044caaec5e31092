import type Database from 'better-sqlite3';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { ukDayOf } from '../domain/calendar';
import type { CohortQuery } from './cohort.query';
import { searchable } from './cohort-people';
import type { ReferralNames } from './cohort-referral-names';
import { cohortRows } from './cohort-rows';
import { cohortTablesOf } from './testing/cohort-tables';
import { cancelMeeting, discussCase, holdMeeting, listCase, referAllianceCase } from './testing/meeting-history';
import { appendRandomCaseLog } from './testing/random-case-log';

const PEOPLE = { personOfCase: (_: string, personId: string) => personId, idsOf: (personId: string) => [personId] };
/** Every case is named after its id, so that `q=1` finds case-1, case-10 ... through the in-code search. */
const NAMES: ReferralNames = {
  pending: new Set(),
  shownFor: () => new Map(),
  searched: (cases) => new Map(cases.map(({ caseId }) => [caseId, [searchable(`Name ${caseId.replace('-', ' ')}`)]])),
};

/** 13:00 BST on 15 May, and 00:30 BST on 12 June (still 11 June in UTC). */
const AS_AT = [new Date('2024-05-15T12:00:00Z'), new Date('2024-06-11T23:30:00Z')];
const BEFORE = ['2024-05-15', '2024-06-11', '2024-06-12', '2024-08-01'];

/** The review date combined with each other filter, on each panel; names searched in SQL and through the index. */
const QUERIES: [string, CohortQuery, boolean][] = [
  ['MARAC', {}, false],
  ['MARAC', { rag: 'red' }, false],
  ['MARAC', { idva: 'none', overdue: 'true' }, false],
  ['MARAC', { q: 'okafor' }, false],
  ['MARAC', { q: '1' }, true],
  ['IOM', {}, false],
  ['IOM', { eligibility: 'eligible' }, false],
  ['IOM', { eligibility: 'rejected' }, false],
  ['IOM', { eligibility: 'eligible-not-adopted' }, false],
  ['IOM', { rag: 'amber' }, false],
  ['ALLIANCE', {}, false],
  ['ALLIANCE', { overdue: 'true' }, false],
  ['ALLIANCE', { q: '2' }, true],
];

/** Meetings whose UK day differs from their UTC date, and listings a case no longer waits for. */
async function appendEdgeCases(fixture: ReadModelFixture): Promise<void> {
  const { store } = fixture;
  for (const caseId of ['edge-midnight', 'edge-offset', 'edge-settled', 'edge-discussed', 'edge-past'])
    await referAllianceCase(store, caseId, '2024-04-01T09:00:00Z');
  // London midnight: 12 June.
  await listCase(store, 'edge-midnight', 'edge-m1', '2024-06-11T23:00:00Z');
  // 00:30 BST on 12 June, written with its offset.
  await listCase(store, 'edge-offset', 'edge-m2', '2024-06-12T00:30:00+01:00');
  await listCase(store, 'edge-offset', 'edge-m3', '2024-06-20T10:00:00Z');
  // Cancelled and held early: neither is waited for, the later listing is.
  await listCase(store, 'edge-settled', 'edge-m4', '2024-06-01T10:00:00Z');
  await cancelMeeting(store, 'edge-m4', '2024-05-02T10:00:00Z');
  await listCase(store, 'edge-settled', 'edge-m5', '2024-06-05T10:00:00Z');
  await holdMeeting(store, 'edge-m5', '2024-05-03T10:00:00Z');
  await listCase(store, 'edge-settled', 'edge-m6', '2024-07-10T10:00:00Z');
  await listCase(store, 'edge-discussed', 'edge-m7', '2024-06-05T10:00:00Z');
  await discussCase(store, 'edge-discussed', 'edge-m7', '2024-06-05T11:00:00Z');
  await listCase(store, 'edge-discussed', 'edge-m8', '2024-09-01T10:00:00Z');
  // Before the day asked: no longer the meeting it waits for.
  await listCase(store, 'edge-past', 'edge-m9', '2024-05-01T10:00:00Z');
  await listCase(store, 'edge-past', 'edge-m10', '2024-06-30T10:00:00Z');
}

/**
 * Most random cases end up discussed at every meeting they were listed on: each case is listed
 * again on meetings of its own, some of which then sit or are cancelled, some discussed.
 */
async function appendListings(fixture: ReadModelFixture, random: () => number): Promise<void> {
  const { store } = fixture;
  const hours = ['T10:00:00Z', 'T23:00:00Z', 'T23:30:00Z', 'T00:30:00+01:00', 'T09:00:00+02:00'];
  for (let i = 0; i < 600; i++) {
    const caseId = `case-${i}`;
    for (let listed = Math.floor(random() * 3); listed > 0; listed--) {
      const meetingId = `extra-${Math.floor(random() * 40)}`;
      const day = `2024-0${4 + Math.floor(random() * 5)}-${String(10 + Math.floor(random() * 19))}`;
      await listCase(store, caseId, meetingId, `${day}${hours[Math.floor(random() * hours.length)] ?? ''}`);
      if (random() < 0.2) await discussCase(store, caseId, meetingId, `${day}T12:00:00Z`);
    }
  }
  for (let m = 0; m < 40; m += 5) {
    await cancelMeeting(store, `extra-${m}`, '2024-05-02T10:00:00Z');
    await holdMeeting(store, `extra-${m + 1}`, '2024-05-02T10:00:00Z');
  }
}

const idsOf = (rows: readonly { case_id: string }[]) => rows.map((row) => row.case_id);

describe('the tracker filtered by review date', () => {
  const fixture = new ReadModelFixture();
  let connection: Database.Database;
  let tables: VersionedProjectionDatabase;

  beforeAll(async () => {
    // Meetings settled as the log goes are soon all settled: some are settled at its end instead.
    await appendRandomCaseLog(fixture.store, 4_000, seededRandom(4242), { cases: 600 });
    await appendListings(fixture, seededRandom(7));
    await appendEdgeCases(fixture);
    ({ connection, tables } = await cohortTablesOf(fixture.store));
  });
  afterAll(async () => {
    connection.close();
    await fixture.cleanUp();
  });

  const rowsOf = (
    panel: string,
    query: CohortQuery,
    asAt: Date,
    named: boolean,
    page?: { offset: number; limit: number },
  ) => cohortRows(connection, tables, query, panel, asAt, PEOPLE, named ? NAMES : undefined, page);

  /** What the filter means: the cases whose next meeting, as the item shows it that day, sits by the date. */
  const reviewedBy = (panel: string, query: CohortQuery, asAt: Date, named: boolean, before: string) =>
    idsOf(
      rowsOf(panel, query, asAt, named).rows.filter(
        (row) => row.next_meeting !== null && ukDayOf(row.next_meeting) <= before,
      ),
    );

  it('keeps the cases whose next meeting that UK day sits by the date, every page and total alike', () => {
    let kept = 0;
    let left = 0;
    for (const asAt of AS_AT)
      for (const [panel, query, named] of QUERIES)
        for (const before of BEFORE) {
          const all = rowsOf(panel, query, asAt, named).rows.length;
          const expected = reviewedBy(panel, query, asAt, named, before);
          const asked = { ...query, nextReviewBefore: before };
          expect(idsOf(rowsOf(panel, asked, asAt, named).rows)).toEqual(expected);
          for (const offset of [0, 1, 3, expected.length - 1, expected.length, expected.length + 5].filter(
            (o) => o >= 0,
          ))
            expect(rowsOf(panel, asked, asAt, named, { offset, limit: 3 })).toMatchObject({
              rows: expected.slice(offset, offset + 3).map((caseId) => ({ case_id: caseId })),
              total: expected.length,
            });
          kept += expected.length;
          left += all - expected.length;
        }
    // The history gives the filter something to keep and something to leave out.
    expect(kept).toBeGreaterThan(200);
    expect(left).toBeGreaterThan(500);
  });

  it('counts the meeting by its UK day, skips what has sat, been cancelled or been discussed, and past days', () => {
    const edges = (asAt: Date, before: string) =>
      idsOf(rowsOf('ALLIANCE', { nextReviewBefore: before }, asAt, false).rows).filter((id) => id.startsWith('edge-'));
    const [may15, june12] = AS_AT as [Date, Date];
    expect(edges(may15, '2024-06-11')).toEqual([]);
    expect(edges(may15, '2024-06-12')).toEqual(['edge-midnight', 'edge-offset']);
    expect(edges(may15, '2024-06-30')).toEqual(['edge-midnight', 'edge-offset', 'edge-past']);
    expect(edges(may15, '2024-07-10')).toEqual(['edge-midnight', 'edge-offset', 'edge-past', 'edge-settled']);
    expect(edges(may15, '2024-09-01')).toEqual([
      'edge-discussed',
      'edge-midnight',
      'edge-offset',
      'edge-past',
      'edge-settled',
    ]);
    // On 12 June the London-midnight meetings sit today.
    expect(edges(june12, '2024-06-12')).toEqual(['edge-midnight', 'edge-offset']);
  });

  it('takes the last calendar day as "no limit", as clients send it', () => {
    const [may15] = AS_AT as [Date];
    const waiting = reviewedBy('ALLIANCE', {}, may15, false, '9999-12-30');
    expect(waiting.length).toBeGreaterThan(0);
    expect(idsOf(rowsOf('ALLIANCE', { nextReviewBefore: '9999-12-31' }, may15, false).rows)).toEqual(waiting);
  });
});
