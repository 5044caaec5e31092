import { someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import { ReadModelDatabase } from './read-model-database';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/** v2 of stream_totals as a query written for it reads it: one more column, and one more table. */
function totalsV2(version = 2): ProjectionDefinition {
  const v1 = streamTotalsProjection(version);
  return {
    ...v1,
    migrate(db) {
      db.exec(`CREATE TABLE ${db.table('totals')} (
        stream TEXT PRIMARY KEY, events INTEGER NOT NULL, amount_sum INTEGER NOT NULL,
        last_type TEXT NOT NULL, last_position INTEGER NOT NULL, first_type TEXT) STRICT`);
      db.exec(`CREATE TABLE ${db.table('labels')} (stream TEXT PRIMARY KEY, label TEXT NOT NULL) STRICT`);
    },
  };
}

let fixture: ReadModelFixture;
let queries: ReadModelDatabase | undefined;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
  const v1 = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
  await v1.catchUp();
  await v1.stop();
  queries = ReadModelDatabase.open(fixture.file());
});
afterEach(async () => {
  queries?.close();
  await fixture.cleanUp();
});

describe('a query written for the registered version, answered by the previous one', () => {
  it("reads the previous version's tables shaped as its own: what they lack is null, a table they lack is empty", () => {
    const db = queries as ReadModelDatabase;
    const tables = db.read(() => db.tablesFor(totalsV2()));
    expect(tables.previous).toEqual({
      version: 1,
      rebuilding: 2,
      position: 2n,
      lacking: ['totals.first_type', 'labels.stream', 'labels.label'],
    });
    const rows = db.read(() =>
      db.connection.prepare(`SELECT * FROM ${db.tablesFor(totalsV2()).table('totals')}`).all(),
    );
    expect(rows).toEqual([
      { stream: 'item-1', events: 3, amount_sum: 0, last_type: 'item-opened', last_position: 2, first_type: null },
    ]);
    const labels = db.read(() =>
      db.connection.prepare(`SELECT * FROM ${db.tablesFor(totalsV2()).table('labels')}`).all(),
    );
    expect(labels).toEqual([]);
  });

  it('reads the tables of the version it is written for as they are, with nothing marked', () => {
    const db = queries as ReadModelDatabase;
    const tables = db.tablesFor(streamTotalsProjection(1));
    expect({ version: tables.version, previous: tables.previous, totals: tables.table('totals') }).toEqual({
      version: 1,
      previous: undefined,
      totals: 'stream_totals_v1_totals',
    });
  });

  it("refuses, 503 read-model-newer-version, a newer release's version that lacks what this release reads", async () => {
    const newer = fixture.runtime(fixture.open(), [streamTotalsProjection(2)]);
    await newer.catchUp();
    await newer.stop();
    const db = queries as ReadModelDatabase;
    // This release's v1 reads `first_type`; the newer release's v2 answering does not have it.
    expect(() => db.tablesFor(totalsV2(1))).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ rule: 'read-model-newer-version' }) }) as Error,
    );
    expect(db.tablesFor(streamTotalsProjection(1)).version).toBe(2);
  });
});
