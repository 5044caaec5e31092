import { appendRandomEvents, seededRandom } from './testing/random-log';
import { checkpointsIn, runProjector } from './testing/projector-child';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections } from './testing/sample-projections';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(180_000);

const NAMES = sampleProjections().map((p) => p.name);
const positionsIn = (file: string): bigint[] => checkpointsIn(file).map((row) => row.position);

describe('crash recovery', () => {
  let fixture: ReadModelFixture;
  beforeAll(() => {
    fixture = new ReadModelFixture();
  });
  afterAll(() => fixture.cleanUp());

  it('a projector SIGKILLed again and again ends with exactly what a clean rebuild produces', async () => {
    const random = seededRandom(42);
    let head = await appendRandomEvents(fixture.store, 20_000, random);
    const interruptedMidway: bigint[][] = [];
    let kills = 0;
    let caughtUp = false;

    for (let run = 0; run < 40 && !(caughtUp && kills >= 8); run++) {
      // The log keeps growing between restarts, as it would in service.
      if (run % 3 === 2) head = await appendRandomEvents(fixture.store, 2_000, random);
      const killAfterMs = kills >= 8 ? undefined : 5 + Math.floor(random() * 150);
      const outcome = await runProjector(fixture, { killAfterMs });
      caughtUp = !outcome.killed;
      if (outcome.killed) {
        kills++;
        const positions = positionsIn(fixture.file());
        if (positions.some((p) => p > -1n && p < head)) interruptedMidway.push(positions);
      }
    }

    expect(kills).toBeGreaterThanOrEqual(8);
    // The kills must really have landed mid-projection, or this test would prove nothing.
    expect(interruptedMidway.length).toBeGreaterThanOrEqual(3);
    expect(caughtUp).toBe(true);
    const survivor = fixture.open();
    expect(positionsIn(fixture.file())).toEqual(NAMES.map(() => head));

    const clean = fixture.open('clean-rebuild.sqlite');
    await fixture.runtime(clean, sampleProjections()).rebuild();
    expect(dumpProjections(survivor, NAMES)).toEqual(dumpProjections(clean, NAMES));

    // And independently of the runtime: every event counted exactly once.
    const events = await fixture.store.readAll();
    const expected = new Map<string, { events: number; amount: number }>();
    for (const event of events) {
      const totals = expected.get(event.stream) ?? { events: 0, amount: 0 };
      totals.events++;
      totals.amount += (event.data as { amount: number }).amount;
      expected.set(event.stream, totals);
    }
    const projected = survivor
      .prepare<
        [],
        { stream: string; events: number; amount_sum: number }
      >('SELECT stream, events, amount_sum FROM stream_totals_v1_totals')
      .all();
    expect(new Map(projected.map((row) => [row.stream, { events: row.events, amount: row.amount_sum }]))).toEqual(
      expected,
    );
  });
});
