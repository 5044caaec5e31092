import type Database from 'better-sqlite3';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { endOfUkDay } from '../domain/calendar';
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

describe('past cohorts, replayed once and caught up', () => {
  it('replays a day once, then only reads what was appended since, answering as a fresh replay would', async () => {
    const past = new PastCohorts(fixture.store);
    const first = await past.query('2024-05-15', cases);
    expect(first.length).toBeGreaterThan(0);
    expect(await past.query('2024-05-15', cases)).toEqual(first);

    // More history, much of it recorded late about days before 15 May.
    await appendRandomCaseLog(fixture.store, 300, seededRandom(6));
    const after = await past.query('2024-05-15', cases);
    expect(replaysSoFar()).toBe(1);
    const cold = new PastCohorts(fixture.store);
    expect(after).toEqual(await cold.query('2024-05-15', cases));
    expect(after).not.toEqual(first);
    past.close();
    cold.close();
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
    await past.query('2024-04-01', cases); // let go above: replayed again
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

  it('answers a day reaching past its end as a fresh replay to that reach would, as the reach moves', async () => {
    // Today's cohort reaches a few minutes past midnight; days apart make the random log show it.
    const reachOf = (day: string) => endOfUkDay(day) ?? Number.NaN;
    const day = '2024-05-15';
    const past = new PastCohorts(fixture.store);
    const coldAnswer = (reach?: number) => new PastCohorts(fixture.store).query(day, cases, reach);
    const justTheDay = await past.query(day, cases);
    const steps = [reachOf('2024-05-31'), reachOf('2024-06-30'), undefined, reachOf('2024-06-30')];
    const answers = [];
    for (const reach of steps) {
      const answer = await past.query(day, cases, reach);
      expect(answer).toEqual(await coldAnswer(reach));
      answers.push(answer);
    }
    expect(answers[0]).not.toEqual(justTheDay);
    expect(answers[1]).not.toEqual(answers[0]);
    expect(answers[2]).toEqual(justTheDay);
    past.close();
  });

  it('stays usable after a query of it fails', async () => {
    const past = new PastCohorts(fixture.store);
    await expect(
      past.query('2024-05-15', (tables, connection) =>
        connection.prepare(`SELECT no_such_column FROM ${tables.table('cases')}`).all(),
      ),
      // Matched by message: the native module's error class may come from another test file's realm.
    ).rejects.toMatchObject({ message: expect.stringMatching(/no such column/) as unknown });
    expect(await past.query('2024-05-15', cases)).toEqual(
      await new PastCohorts(fixture.store).query('2024-05-15', cases),
    );
    expect(replaysSoFar()).toBe(2); // one for the failed query's day, kept; one for the cold comparison
    past.close();
  });
});
