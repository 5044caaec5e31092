import type Database from 'better-sqlite3';
import type { ProjectionDefinition } from './projection-definition';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { categoryTotalsProjection, itemHistoryProjection, sampleProjections } from './testing/sample-projections';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(60_000);

const projections = (): ProjectionDefinition[] => [...sampleProjections(), categoryTotalsProjection()];
const NAMES = projections().map((p) => p.name);

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

/**
 * Builds a read model the way a long-running service does: the log grows in bursts, the
 * projector is restarted (with different batch sizes, so batch boundaries fall everywhere),
 * sometimes stopped mid-catch-up and sometimes while following live appends.
 */
async function maintainIncrementally(random: () => number): Promise<{ db: Database.Database; events: number }> {
  let events = 0;
  const db = fixture.open('incremental.sqlite');
  for (let round = 0; round < 30; round++) {
    const burst = 100 + Math.floor(random() * 400);
    await appendRandomEvents(fixture.store, burst, random, { streams: 60 });
    events += burst;
    const batchSize = [1, 7, 50, 500][Math.floor(random() * 4)] ?? 50;
    const runtime = fixture.runtime(db, projections(), { batchSize });
    const mode = random();
    if (mode < 0.3) {
      await runtime.catchUp();
    } else if (mode < 0.7) {
      // Stopped part-way: only the turns of the event loop it got before stop() finish.
      runtime.start();
      for (let turns = Math.floor(random() * 20); turns > 0; turns--) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      await runtime.stop();
    } else {
      // Following live while the log grows, then stopped.
      runtime.start();
      const live = 1 + Math.floor(random() * 100);
      await appendRandomEvents(fixture.store, live, random, { streams: 60, maxEventsPerAppend: 1 });
      events += live;
      await runtime.stop();
    }
  }
  await fixture.runtime(db, projections()).catchUp();
  return { db, events };
}

describe('rebuilding from scratch', () => {
  it('produces exactly the tables that incremental maintenance with restarts produced, over a long random history', async () => {
    const { db: incremental, events } = await maintainIncrementally(seededRandom(2024));
    expect(events).toBeGreaterThan(5_000);

    const rebuilt = fixture.open('rebuilt.sqlite');
    const status = await fixture.runtime(rebuilt, projections()).rebuild();
    expect(status.every((s) => s.state === 'live' && s.position === BigInt(events - 1))).toBe(true);

    const expected = dumpProjections(rebuilt, NAMES);
    expect(Object.values(expected['open_items'] ?? {}).flat().length).toBeGreaterThan(0);
    expect(dumpProjections(incremental, NAMES)).toEqual(expected);
  });

  it('rebuild(name) drops and replays only that projection, in place', async () => {
    await appendRandomEvents(fixture.store, 2_000, seededRandom(5));
    const db = fixture.open();
    const runtime = fixture.runtime(db, projections());
    await runtime.catchUp();
    const before = dumpProjections(db, NAMES);
    db.prepare('DELETE FROM open_items_v1_items').run();
    db.prepare("UPDATE projection_checkpoints SET updated_at = 'untouched' WHERE name <> 'open_items'").run();

    await runtime.rebuild('open_items');

    expect(dumpProjections(db, NAMES)).toEqual(before);
    expect(
      db
        .prepare<[], string>("SELECT name FROM projection_checkpoints WHERE updated_at = 'untouched' ORDER BY name")
        .pluck()
        .all(),
    ).toEqual(NAMES.filter((name) => name !== 'open_items').sort());
  });

  it('applyBatch leaves exactly the tables apply would, wherever batch boundaries fall', async () => {
    await appendRandomEvents(fixture.store, 3_000, seededRandom(77), { streams: 40 });
    const perEvent = fixture.open('per-event.sqlite');
    await fixture.runtime(perEvent, [itemHistoryProjection(1, { batched: false })]).rebuild();
    const expected = dumpProjections(perEvent, ['item_history']);
    expect(Object.values(expected['item_history'] ?? {}).flat().length).toBeGreaterThan(30);
    for (const batchSize of [1, 13, 10_000]) {
      const batched = fixture.open(`batched-${batchSize}.sqlite`);
      await fixture.runtime(batched, [itemHistoryProjection()], { batchSize }).rebuild();
      expect(dumpProjections(batched, ['item_history'])).toEqual(expected);
    }
  });

  it('refuses to rebuild a projection that is not registered', async () => {
    const runtime = fixture.runtime(fixture.open(), projections());
    await expect(runtime.rebuild('no_such_projection')).rejects.toThrow(/no registered projection/);
  });
});
