import type Database from 'better-sqlite3';
import { wholeLog } from '../../case-lifecycle/src/projections/testing/whole-log';
import type { ProjectionDefinition } from './projection-definition';
import { registeredProjections } from './registered-projections';
import { bumpedProjections } from './testing/crash-projections';
import { appendMixedHistory } from './testing/mixed-history';
import { checkpointsIn, runProjector, type CheckpointRow } from './testing/projector-child';
import { seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(120_000);

const NAMES = registeredProjections.map((p) => p.name);
/** person_index's queries read rowid; see registered-rebuild-equivalence.int.spec.ts. */
const ROWID_OF = { person_index: ['records', 'cases'] };
const BATCH_SIZES = [3, 7, 20, 61];

let fixture: ReadModelFixture;
beforeAll(() => {
  fixture = new ReadModelFixture();
});
afterAll(() => fixture.cleanUp());

const headOf = async (): Promise<bigint> => (await wholeLog(fixture.store)).at(-1)?.position ?? -1n;

async function cleanRebuild(file: string, projections: readonly ProjectionDefinition[]): Promise<Database.Database> {
  const clean = fixture.open(file);
  await fixture.runtime(clean, projections).rebuild();
  return clean;
}

/**
 * Runs the projector process until it has been SIGKILLed `kills` times and then finished a run,
 * the log growing between runs. Returns the checkpoints each kill left, with the head then.
 */
async function killRepeatedly(
  random: () => number,
  { projections, kills }: { projections: string; kills: number },
): Promise<{ head: bigint; rows: CheckpointRow[] }[]> {
  const left: { head: bigint; rows: CheckpointRow[] }[] = [];
  for (let run = 0; run < kills * 3; run++) {
    if (run % 3 === 2) await appendMixedHistory(fixture.store, 300, random);
    const batchSize = BATCH_SIZES[Math.floor(random() * BATCH_SIZES.length)];
    const killAfterMs = left.length < kills ? 5 + Math.floor(random() * 150) : undefined;
    const outcome = await runProjector(fixture, { projections, batchSize, killAfterMs });
    if (!outcome.killed) return left;
    left.push({ head: await headOf(), rows: checkpointsIn(fixture.file()) });
  }
  throw new Error(`the projector never finished after ${kills} kills`);
}

describe('crash recovery of the registered projections', () => {
  it('SIGKILLed again and again over a mixed history, ends with exactly what a clean rebuild produces', async () => {
    const random = seededRandom(1729);
    await appendMixedHistory(fixture.store, 12_000, random);
    const left = await killRepeatedly(random, { projections: 'registered', kills: 8 });

    // The kills must really have landed mid-catch-up, or this would prove nothing.
    const midway = left.filter(({ head, rows }) => rows.some((row) => row.position > -1n && row.position < head));
    expect(midway.length).toBeGreaterThanOrEqual(3);
    const head = await headOf();
    const survivor = fixture.open();
    expect(checkpointsIn(fixture.file()).map((row) => [row.name, row.position])).toEqual(
      [...NAMES].sort().map((name) => [name, head]),
    );
    const clean = await cleanRebuild('clean.sqlite', registeredProjections);
    expect(dumpProjections(survivor, NAMES, ROWID_OF)).toEqual(dumpProjections(clean, NAMES, ROWID_OF));
  });

  // On the file the first test left, as a release bumping every version would find it.
  it('SIGKILLed while a version bump rebuilds in the background, switches over and equals a clean rebuild', async () => {
    const random = seededRandom(8128);
    const target = new Map(registeredProjections.map((p) => [p.name, p.version + 1]));
    const left = await killRepeatedly(random, { projections: 'bumped', kills: 5 });

    const midRebuild = left.filter(({ head, rows }) =>
      rows.some((row) => row.version === target.get(row.name) && row.position > -1n && row.position < head),
    );
    expect(midRebuild.length).toBeGreaterThanOrEqual(2);
    const head = await headOf();
    // Switched over: only the new versions are left, each at the head.
    expect(checkpointsIn(fixture.file()).map((row) => [row.name, row.version, row.position, row.state])).toEqual(
      [...NAMES].sort().map((name) => [name, target.get(name), head, 'live']),
    );
    const survivor = fixture.open();
    const leftOver = survivor
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB '*_v[0-9]*'")
      .pluck()
      .all()
      .filter((table) => !NAMES.some((name) => table.startsWith(`${name}_v${target.get(name)}_`)));
    expect(leftOver).toEqual([]);

    const bumpedOnly = bumpedProjections().filter((p) => p.version === target.get(p.name));
    const clean = await cleanRebuild('clean-bumped.sqlite', bumpedOnly);
    expect(dumpProjections(survivor, NAMES, ROWID_OF)).toEqual(dumpProjections(clean, NAMES, ROWID_OF));
  });
});
