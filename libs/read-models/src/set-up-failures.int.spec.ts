import Database from 'better-sqlite3';
import type { ProjectionDefinition } from './projection-definition';
import { openReadModelDatabase } from './read-model-schema';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

describe('a read-model file the runtime cannot set up', () => {
  it('names the projection and version whose migrate failed, and sets up none of them', () => {
    const broken: ProjectionDefinition = {
      ...typeCountsProjection(3),
      migrate(db) {
        db.exec(`CREATE TABLE ${db.table('counts')} (type TEXT PRIMARY KEY,`);
      },
    };
    const db = fixture.open();
    const runtime = fixture.runtime(db, [streamTotalsProjection(), broken]);

    expect(() => runtime.initialise()).toThrow(/^projection type_counts v3: migrate failed: incomplete input$/);
    expect(db.prepare('SELECT count(*) FROM projection_checkpoints').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'stream_totals%'").pluck().get()).toBe(0);
  });

  it('refuses bookkeeping from a newer release, saying which file and what to do', () => {
    const newer = new Database(fixture.file());
    newer.pragma('user_version = 2');
    newer.close();

    expect(() => openReadModelDatabase(fixture.file())).toThrow(
      `${fixture.file()} was written by a newer release (read-model bookkeeping version 2; this release reads 1): ` +
        'run that release, or delete the file to rebuild the read models from the event log',
    );
  });
});
