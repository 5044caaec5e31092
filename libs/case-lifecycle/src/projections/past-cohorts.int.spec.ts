import type Database from 'better-sqlite3';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { PastCohorts } from './past-cohorts';
import { appendRandomCaseLog } from './testing/random-case-log';

let fixture: ReadModelFixture;
let replays: jest.SpyInstance;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await appendRandomCaseLog(fixture.store, 1_500, seededRandom(5));
  // The real store, watched: a replay is a read of the log from its start.
  const readAll = fixture.store.readAll.bind(fixture.store);
  replays = jest.spyOn(fixture.store, 'readAll').mockImplementation(readAll);
});
afterEach(() => fixture.cleanUp());

const replaysSoFar = (): number =>
  replays.mock.calls.filter(
    ([options]) => (options as { fromPosition?: bigint } | undefined)?.fromPosition === undefined,
  ).length;

const cases = (tables: VersionedProjectionDatabase, connection: Database.Database): unknown[] =>
  connection.prepare(`SELECT case_id, phase, last_position FROM ${tables.table('cases')} ORDER BY case_id`).all();

describe('past cohorts kept while the log does not move', () => {
  it('replays a day once for any number of queries, and again once the log has moved', async () => {
    const past = new PastCohorts(fixture.store);
    const first = await past.query('2024-05-15', cases);
    expect(first.length).toBeGreaterThan(0);
    expect(await past.query('2024-05-15', cases)).toEqual(first);
    expect(replaysSoFar()).toBe(1);

    await appendRandomCaseLog(fixture.store, 300, seededRandom(6));
    const after = await past.query('2024-05-15', cases);
    expect(replaysSoFar()).toBe(2);
    // What a cold replay answers now: nothing kept from before the append shows through.
    expect(after).toEqual(await new PastCohorts(fixture.store).query('2024-05-15', cases));
    expect(after).not.toEqual(first);
    past.close();
  });

  it('keeps the most recently used days only, and lets idle ones go', async () => {
    const past = new PastCohorts(fixture.store, { days: 2, idleMs: 60_000 });
    await past.query('2024-03-01', cases);
    await past.query('2024-04-01', cases);
    await past.query('2024-03-01', cases); // used again: 2024-04-01 is now the oldest
    await past.query('2024-06-01', cases);
    expect(past.size).toBe(2);
    expect(replaysSoFar()).toBe(3);
    await past.query('2024-03-01', cases);
    expect(replaysSoFar()).toBe(3);
    await past.query('2024-04-01', cases);
    expect(replaysSoFar()).toBe(4);
    past.close();
    expect(past.size).toBe(0);

    const brief = new PastCohorts(fixture.store, { days: 2, idleMs: 20 });
    await brief.query('2024-03-01', cases);
    expect(brief.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(brief.size).toBe(0);
  });

  it('answers concurrent queries of the same and other days without using a closed table', async () => {
    const past = new PastCohorts(fixture.store, { days: 1, idleMs: 60_000 });
    const days = ['2024-02-01', '2024-02-01', '2024-07-01', '2024-02-01', '2024-09-01'];
    const answers = await Promise.all(days.map((day) => past.query(day, cases)));
    const cold = await Promise.all(days.map((day) => new PastCohorts(fixture.store).query(day, cases)));
    expect(answers).toEqual(cold);
    expect(past.size).toBe(1);
    past.close();
  });
});
