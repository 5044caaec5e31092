import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from './projection-definition';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

let fixture: ReadModelFixture;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await appendRandomEvents(fixture.store, 400, seededRandom(11));
});
afterEach(() => fixture.cleanUp());

const INDEX = 'stream_totals_v1_totals_by_type';

function indexExists(db: Database.Database, name = INDEX): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(name) !== undefined;
}

/** `stream_totals` with an index on its last type, deferred; records whether the index existed at each apply. */
function withDeferredIndex(
  connection: () => Database.Database,
  seen: boolean[],
  indexes: (db: ProjectionDatabase) => void = (db) =>
    db.exec(`CREATE INDEX IF NOT EXISTS ${db.table('totals_by_type')} ON ${db.table('totals')} (last_type)`),
  version = 1,
): ProjectionDefinition {
  const base = streamTotalsProjection(version);
  return {
    ...base,
    apply(db: ProjectionDatabase, event: RecordedEvent): void {
      seen.push(indexExists(connection(), `stream_totals_v${version}_totals_by_type`));
      base.apply(db, event);
    },
    indexes,
  };
}

describe('deferred indexes', () => {
  it('are created once the version reaches the head, never while it catches up', async () => {
    const db = fixture.open();
    const seen: boolean[] = [];
    const runtime = fixture.runtime(db, [withDeferredIndex(() => db, seen)], { batchSize: 50 });
    await runtime.catchUp();

    expect(seen).toHaveLength(400);
    expect(seen.every((existed) => !existed)).toBe(true);
    expect(indexExists(db)).toBe(true);

    // Live events after that are applied with the index in place.
    await appendRandomEvents(fixture.store, 3, seededRandom(12));
    await runtime.catchUp();
    expect(seen.slice(400)).toEqual([true, true, true]);
  });

  it('survive a restart (the hook runs again and finds them there)', async () => {
    const db = fixture.open();
    const seen: boolean[] = [];
    let calls = 0;
    const counted = (target: ProjectionDatabase): void => {
      calls++;
      target.exec(
        `CREATE INDEX IF NOT EXISTS ${target.table('totals_by_type')} ON ${target.table('totals')} (last_type)`,
      );
    };
    await fixture.runtime(db, [withDeferredIndex(() => db, seen, counted)]).catchUp();
    expect(calls).toBe(1);
    const again = fixture.runtime(db, [withDeferredIndex(() => db, seen, counted)]);
    const status = await again.catchUp();
    expect(status).toEqual([{ name: 'stream_totals', version: 1, position: 399n, state: 'live', active: true }]);
    expect(calls).toBe(2);
    expect(indexExists(db)).toBe(true);
  });

  it('hold back a rebuilt version from taking over until they exist, and a failure is reported and retried', async () => {
    const db = fixture.open();
    await fixture.runtime(db, [streamTotalsProjection(1)]).catchUp();
    let attempts = 0;
    const failingOnce = (target: ProjectionDatabase): void => {
      attempts++;
      if (attempts === 1) throw new Error('disk full while sorting the index');
      target.exec(
        `CREATE INDEX IF NOT EXISTS ${target.table('totals_by_type')} ON ${target.table('totals')} (last_type)`,
      );
    };
    const runtime = fixture.runtime(db, [withDeferredIndex(() => db, [], failingOnce, 2)], {
      retryDelayMs: 1_000,
      maxRetryDelayMs: 1_000,
    });
    runtime.start();
    const until = async (condition: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    // The failure is recorded in the same turn as the throw, so it is there when we look.
    await until(() => attempts === 1, 'the first attempt');
    const afterFailure = runtime.status();
    expect(afterFailure.find((s) => s.version === 2)).toMatchObject({ state: 'failed', active: false });
    expect(afterFailure.find((s) => s.version === 1)?.active).toBe(true);

    await until(() => runtime.status().some((s) => s.version === 2 && s.active), 'version 2 to take over');
    expect(attempts).toBe(2);
    expect(indexExists(db, 'stream_totals_v2_totals_by_type')).toBe(true);
  });
});
