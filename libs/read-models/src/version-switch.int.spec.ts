import { anEvent } from '../../event-store/src/testing/event-fixtures';
import type { ProjectorRuntime } from './projector-runtime';
import { ReadModelDatabase } from './read-model-database';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';
import { dumpProjection } from './testing/table-dump';

let fixture: ReadModelFixture;
let queries: ReadModelDatabase | undefined;

beforeEach(async () => {
  fixture = new ReadModelFixture();
  await appendRandomEvents(fixture.store, 3_000, seededRandom(7));
  // Version 1, fully built, as a previous deployment left it.
  const v1 = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
  await v1.catchUp();
  await v1.stop();
});
afterEach(async () => {
  queries?.close();
  await fixture.cleanUp();
});

/** Yields to the runtime until `condition` holds; the runtime works between our turns. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function rebuilding(runtime: ProjectorRuntime): boolean {
  const v2 = runtime.status().find((s) => s.version === 2);
  return v2 !== undefined && v2.state === 'rebuilding' && v2.position > 500n;
}

function totalsOf(db: ReadModelDatabase): unknown[] {
  return db.statement('stream_totals', (t) => `SELECT * FROM ${t.table('totals')} ORDER BY stream`).all();
}

function objectNames(db: ReadModelDatabase): string[] {
  return db.connection
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE name LIKE 'stream_totals%' ORDER BY name")
    .pluck()
    .all();
}

describe('bumping a projection version', () => {
  it('rebuilds the new version in the background while the old one answers queries, then switches and drops the old', async () => {
    const db = fixture.open();
    const before = dumpProjection(db, 'stream_totals');
    const runtime = fixture.runtime(db, [streamTotalsProjection(2)], { batchSize: 50 });
    queries = ReadModelDatabase.open(fixture.file());
    runtime.start();

    await until(() => rebuilding(runtime), 'version 2 to be part-way through its rebuild');
    expect(queries.tables('stream_totals').version).toBe(1);
    expect({ totals: totalsOf(queries) }).toEqual(before);
    expect((await runtime.lag(2_999n)).map(({ version, state }) => ({ version, state }))).toEqual([
      { version: 1, state: 'frozen' },
      { version: 2, state: 'rebuilding' },
    ]);

    expect(await runtime.catchUp()).toEqual([
      { name: 'stream_totals', version: 2, position: 2_999n, state: 'live', active: true },
    ]);
    expect(queries.tables('stream_totals').version).toBe(2);
    expect(dumpProjection(db, 'stream_totals')).toEqual(before);
    expect(objectNames(queries)).toEqual(['stream_totals_v2_totals']);
    expect(db.prepare('SELECT name, version, state FROM projection_checkpoints').all()).toEqual([
      { name: 'stream_totals', version: 2, state: 'live' },
    ]);
    expect(db.prepare('SELECT name, version FROM projection_active').all()).toEqual([
      { name: 'stream_totals', version: 2 },
    ]);
  });

  it('keeps the old version current while both are registered, so reads stay fresh during the rebuild', async () => {
    const db = fixture.open();
    const runtime = fixture.runtime(db, [streamTotalsProjection(1), streamTotalsProjection(2)], { batchSize: 50 });
    queries = ReadModelDatabase.open(fixture.file());
    runtime.start();
    await until(() => rebuilding(runtime), 'version 2 to be part-way through its rebuild');

    const { position } = await fixture.store.append('ledger-new', [anEvent({ data: { amount: 11 } })], {
      expected: 'no-stream',
    });
    expect(await runtime.waitUntilProcessed(position, 2_000)).toBe(true);
    expect(runtime.status().find((s) => s.version === 2)?.active).toBe(false);
    expect(queries.tables('stream_totals').version).toBe(1);
    expect(totalsOf(queries)).toContainEqual(expect.objectContaining({ stream: 'ledger-new', amount_sum: 11 }));

    await runtime.catchUp();
    expect(queries.tables('stream_totals').version).toBe(2);
    expect(totalsOf(queries)).toContainEqual(expect.objectContaining({ stream: 'ledger-new', amount_sum: 11 }));
    expect(objectNames(queries)).toEqual(['stream_totals_v2_totals']);
  });

  it('resumes an interrupted background rebuild from its own checkpoint', async () => {
    const first = fixture.runtime(fixture.open(), [streamTotalsProjection(2)], { batchSize: 50 });
    first.start();
    await until(() => rebuilding(first), 'version 2 to be part-way through its rebuild');
    await first.stop();
    const interruptedAt = first.status().find((s) => s.version === 2)?.position ?? -1n;
    expect(interruptedAt).toBeGreaterThan(500n);

    const db = fixture.open();
    const second = fixture.runtime(db, [streamTotalsProjection(2)], { batchSize: 50 });
    second.initialise();
    expect(second.status().map(({ version, position, active }) => ({ version, position, active }))).toEqual([
      { version: 1, position: 2_999n, active: true },
      { version: 2, position: interruptedAt, active: false },
    ]);
    await second.catchUp();
    const totals = db.prepare('SELECT sum(events) FROM stream_totals_v2_totals').pluck().get();
    expect(totals).toBe(3_000);
  });
});
