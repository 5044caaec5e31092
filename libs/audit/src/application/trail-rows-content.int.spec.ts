import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from '../projections/audit-trail.projection';
import { appendRandomTrailLog } from '../projections/testing/random-trail-log';
import { AuditChain } from './audit-chain';
import { ChainStore } from './chain-store';
import { TrailRows } from './trail-rows';

/** Three pages of seals: cases referred twice, reads naming many, renamed actors, person-key claims. */
const EVENTS = 2_500;

let fixture: ReadModelFixture;
let chainStore: ChainStore;
let chain: AuditChain;
let readModels: ReadModelDatabase;

beforeAll(async () => {
  fixture = new ReadModelFixture();
  await appendRandomTrailLog(fixture.store, EVENTS, seededRandom(1312));
  chainStore = ChainStore.inDataDir(fixture.dir);
  chain = new AuditChain(fixture.store, chainStore);
  await chain.sealPending();
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  readModels = new ReadModelDatabase(db);
});
afterAll(async () => {
  chainStore.close();
  await fixture.cleanUp();
});

const verifyTrail = async () =>
  (await chain.verify(new Date().toISOString(), { trail: new TrailRows(readModels) })).trail;
const table = (local: string) => readModels.tables(auditTrailProjection.name).table(local);
const edit = (sql: string, ...params: unknown[]) => readModels.connection.prepare(sql).run(...params).changes;

describe('verification compares every trail row with what the projection derives from its sealed event', () => {
  it('finds nothing to report in a trail the projection wrote, whatever its events', async () => {
    const referredTwice = readModels.connection
      .prepare(
        `SELECT count(*) FROM (SELECT case_id FROM ${table('case_people')} GROUP BY case_id HAVING count(DISTINCT since) > 1)`,
      )
      .pluck()
      .get();
    expect(referredTwice).toBeGreaterThan(0);
    // Meetings called off are filed under what their stream's earlier events kept: the one row derived from more than its event.
    const calledOff = readModels.connection
      .prepare(
        `SELECT count(*) FROM ${table('entries')} e JOIN ${table('acts')} a ON a.key = e.act
         WHERE a.action = 'meeting-cancelled' AND e.case_id IS NOT NULL`,
      )
      .pluck()
      .get();
    expect(calledOff).toBeGreaterThan(0);
    expect(await verifyTrail()).toMatchObject({ count: 0, problems: [] });
  });

  it('names the row and what differs when its columns, act, links, case people or panel are edited', async () => {
    const at = (sql: string) => readModels.connection.prepare(sql).safeIntegers().pluck().get() as bigint;
    const read = at(`SELECT position FROM ${table('entries')} WHERE purpose IS NOT NULL ORDER BY position LIMIT 1`);
    const linked = at(`SELECT max(position) FROM ${table('subjects')}`);
    const referral = at(
      `SELECT since FROM ${table('case_people')} WHERE case_id IN (SELECT case_id FROM ${table('case_people')}
         GROUP BY case_id HAVING count(DISTINCT since) = 1) ORDER BY since LIMIT 1`,
    );
    const caseId = at(`SELECT case_id FROM ${table('case_people')} WHERE since = ${referral} LIMIT 1`) as unknown;
    expect(
      edit(`UPDATE ${table('entries')} SET purpose = 'routine', person_id = 'someone-else' WHERE position = ?`, read),
    ).toBe(1);
    expect(edit(`DELETE FROM ${table('subjects')} WHERE position = ?`, linked)).toBeGreaterThan(0);
    expect(edit(`DELETE FROM ${table('case_people')} WHERE since = ?`, referral)).toBeGreaterThan(0);
    expect(edit(`UPDATE ${table('case_panels')} SET panel = 'NONE' WHERE case_id = ?`, caseId)).toBe(1);
    // A meeting's listed case dropped from what its stream is about: a later cancellation would not reach the case.
    const listing = at(`SELECT min(since) FROM ${table('stream_subjects')} WHERE stream LIKE 'meeting-%'`);
    expect(edit(`DELETE FROM ${table('stream_subjects')} WHERE since = ?`, listing)).toBe(1);

    const trail = await verifyTrail();
    const found = trail?.problems.map((p) => [p.position, p.reason, p.detail]);
    expect(found).toEqual(
      expect.arrayContaining([
        [String(read), 'trail-row-altered', expect.stringMatching(/the row's person_id, purpose\b/)],
        [String(linked), 'trail-row-altered', expect.stringMatching(/the row's subjects\b/)],
        [String(referral), 'trail-row-altered', expect.stringMatching(/the row's case_people\b/)],
        [String(referral), 'trail-row-altered', expect.stringMatching(/the row's case_panel\b/)],
        [String(listing), 'trail-row-altered', expect.stringMatching(/the row's stream_subjects\b/)],
      ]),
    );
    // The meeting's cancellations, filed from what its stream kept, now derive otherwise than stored.
    expect(found).toContainEqual([
      expect.any(String),
      'trail-row-altered',
      "the row's case_id, subjects differ from its sealed event",
    ]);
    expect(trail?.problems.every((p) => p.reason === 'trail-row-altered')).toBe(true);
  });
});
