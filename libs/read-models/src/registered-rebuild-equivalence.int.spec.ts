import type Database from 'better-sqlite3';
import { TRAIL_ACTIONS } from '../../audit/src/http/trail-actions';
import { wholeLog } from '../../case-lifecycle/src/projections/testing/whole-log';
import { registeredProjections } from './registered-projections';
import { EVENT_TYPES_BY_STREAM, pairsMissing } from './testing/event-coverage';
import { appendMixedHistory } from './testing/mixed-history';
import { seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(120_000);

const NAMES = registeredProjections.map((p) => p.name);
/**
 * person_index's queries read rowid (a record's `seq`, a case's `position`), so it is compared
 * too. The others' row order means nothing: the cohort's tracker pages order by
 * `referred_order, case_id`, and its `cases` rowids do follow batch boundaries (a case's row is
 * written when its first event in a batch arrives, which may precede its referral).
 */
const ROWID_OF = { person_index: ['records', 'cases'] };
const BATCH_SIZES = [1, 3, 7, 13, 50];

let fixture: ReadModelFixture;
const headOf = async (): Promise<number> => Number((await wholeLog(fixture.store)).at(-1)?.position ?? -1);
const lowestCheckpoint = (db: Database.Database): number =>
  db.prepare<[], number>('SELECT min(position) FROM projection_checkpoints').pluck().get() ?? -1;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

/**
 * The four real projections kept up as a service keeps them: the log grows between runs, each
 * run is a new runtime on the same file with an odd batch size (pages of the same size, so a
 * stop lands between any two batches), stopped part-way through catching up or while following.
 */
async function maintainIncrementally(random: () => number, rounds: number): Promise<Database.Database> {
  const db = fixture.open('incremental.sqlite');
  let stoppedMidway = 0;
  for (let round = 0; round < rounds; round++) {
    await appendMixedHistory(fixture.store, 100 + Math.floor(random() * 300), random);
    const batchSize = BATCH_SIZES[Math.floor(random() * BATCH_SIZES.length)] ?? 1;
    const runtime = fixture.runtime(db, registeredProjections, { batchSize, pageSize: batchSize });
    if (random() < 0.35) {
      await runtime.catchUp();
      continue;
    }
    runtime.start();
    for (let turns = Math.floor(random() * 30); turns > 0; turns--) await new Promise((r) => setImmediate(r));
    if (random() < 0.3) await appendMixedHistory(fixture.store, 1 + Math.floor(random() * 40), random);
    await runtime.stop();
    if (lowestCheckpoint(db) < (await headOf())) stoppedMidway++;
  }
  // Stops must really land mid-catch-up, or restarts would prove nothing.
  expect(stoppedMidway).toBeGreaterThanOrEqual(rounds / 4);
  await fixture.runtime(db, registeredProjections).catchUp();
  return db;
}

describe('the registered projections over a long mixed history', () => {
  it('are fed every event type each of them reads, in the stream it is written to', async () => {
    // The generator's list of types is every action the trail knows: no context's type is left out.
    expect(Object.values(EVENT_TYPES_BY_STREAM).flat().sort()).toEqual([...TRAIL_ACTIONS].sort());
    for (const projection of registeredProjections)
      expect(projection.eventTypes?.filter((type) => !TRAIL_ACTIONS.includes(type)) ?? []).toEqual([]);

    await appendMixedHistory(fixture.store, 6_000, seededRandom(11));
    const events = await wholeLog(fixture.store);
    const missing = Object.fromEntries(registeredProjections.map((p) => [p.name, pairsMissing(p, events)]));
    expect(missing).toEqual(Object.fromEntries(NAMES.map((name) => [name, []])));
  });

  it.each([7, 2024, 31337, 4, 99])(
    'rebuilt from scratch, equal table by table to what restarts and odd batch sizes maintained (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      await appendMixedHistory(fixture.store, 3_000, random);
      const incremental = await maintainIncrementally(random, 30);

      const rebuilt = fixture.open('rebuilt.sqlite');
      const status = await fixture.runtime(rebuilt, registeredProjections).rebuild();
      const head = (await wholeLog(fixture.store)).at(-1)?.position;
      expect(status.map((s) => [s.name, s.state, s.position])).toEqual([...NAMES].sort().map((n) => [n, 'live', head]));

      const expected = dumpProjections(rebuilt, NAMES, ROWID_OF);
      for (const name of NAMES) expect(Object.values(expected[name] ?? {}).flat().length).toBeGreaterThan(100);
      const actual = dumpProjections(incremental, NAMES, ROWID_OF);
      for (const name of NAMES) expect({ [name]: actual[name] }).toEqual({ [name]: expected[name] });
    },
  );
});
