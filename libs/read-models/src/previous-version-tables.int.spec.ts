import { ServiceUnavailableException } from '@nestjs/common';
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

/** What a read answers, or the 503 it is refused with. */
function answerOf(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return error instanceof ServiceUnavailableException ? error.getResponse() : error;
  }
}

describe('a statement whose NULLs would be taken as facts, answered by the previous version', () => {
  const rebuilding = (lacking: string) => ({
    rule: 'read-model-rebuilding',
    message: expect.stringContaining(
      `answered by version 1 while version 2 is rebuilt, and version 1 lacks ${lacking}`,
    ),
  });

  it('answers what the previous version holds, its rows in the order they were written', () => {
    const db = queries as ReadModelDatabase;
    const held = db.statementFor(totalsV2(), (t) => `SELECT stream, events, rowid AS seq FROM ${t.table('totals')}`);
    expect(db.read(() => held.all())).toEqual([{ stream: 'item-1', events: 3, seq: 1 }]);
  });

  it('refuses, 503 read-model-rebuilding naming it, a statement that reads what it lacks, rather than read NULL', () => {
    const db = queries as ReadModelDatabase;
    const read = (sql: (t: { table(local: string): string }) => string) =>
      answerOf(() => db.read(() => db.statementFor(totalsV2(), sql).all()));

    expect(read((t) => `SELECT * FROM ${t.table('totals')}`)).toMatchObject(rebuilding('totals.first_type'));
    expect(read((t) => `SELECT stream FROM ${t.table('totals')} WHERE first_type IS NULL`)).toMatchObject(
      rebuilding('totals.first_type'),
    );
    // A table it lacks is not empty but unknown: not even its rows can be counted.
    expect(read((t) => `SELECT COUNT(*) AS n FROM ${t.table('labels')}`)).toMatchObject(rebuilding('labels'));
    expect(read((t) => `SELECT EXISTS (SELECT 1 FROM ${t.table('labels')}) AS any`)).toMatchObject(
      rebuilding('labels'),
    );
  });
});
