import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { GappedPositionStore } from '../../event-store/src/testing/gapped-position-store';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelsInUse, rebuildReadModels, replaySummary } from './rebuild-command';
import { registeredProjections } from './registered-projections';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections, streamTotalsProjection } from './testing/sample-projections';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(30_000);

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

describe('rebuildReadModels', () => {
  it('replays every registered projection into <dataDir>/read-models.sqlite, replacing what was there', async () => {
    await appendRandomEvents(fixture.store, 1_500, seededRandom(3));
    const names = sampleProjections().map((p) => p.name);
    const first = await rebuildReadModels({
      store: fixture.store,
      dataDir: fixture.dir,
      projections: sampleProjections(),
    });
    expect(first.events).toBe(1_500);
    expect(first.projections.map(({ name, position, state }) => ({ name, position, state }))).toEqual(
      [...names].sort().map((name) => ({ name, position: 1_499n, state: 'live' })),
    );
    const db = new Database(fixture.file());
    const built = dumpProjections(db, names);
    db.prepare('DELETE FROM stream_totals_v1_totals').run();
    db.close();

    await rebuildReadModels({
      store: fixture.store,
      dataDir: fixture.dir,
      projections: sampleProjections(),
      name: 'stream_totals',
    });
    const reopened = new Database(fixture.file(), { readonly: true });
    expect(dumpProjections(reopened, names)).toEqual(built);
    reopened.close();
  });

  it('reports the events replayed, counted, on a log whose positions have gaps (EventStoreDB byte offsets)', async () => {
    await appendRandomEvents(fixture.store, 120, seededRandom(5));
    const gapped = new GappedPositionStore(fixture.store);
    const report = await rebuildReadModels({ store: gapped, dataDir: fixture.dir, projections: sampleProjections() });
    expect(report.events).toBe(120);
    expect(report.projections.every(({ state }) => state === 'live')).toBe(true);
  });

  it('reads the log once: the events replayed are counted as they are replayed, not by reading them all again', async () => {
    await appendRandomEvents(fixture.store, 1_500, seededRandom(7));
    // As on EventStoreDB, the store cannot count without reading: every event counted is an event read.
    const read = { events: 0 };
    const log = fixture.store;
    const readingOnly = new Proxy(log, {
      get(target, key) {
        if (key === 'countAfter') return undefined;
        if (key === 'readAll')
          return async (...args: Parameters<typeof log.readAll>) => {
            const page = await target.readAll(...args);
            read.events += page.length;
            return page;
          };
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });

    const report = await rebuildReadModels({
      store: readingOnly,
      dataDir: fixture.dir,
      projections: sampleProjections(),
    });

    expect(report.events).toBe(1_500);
    // Each event once (counting them apart read all 1,500 a second time).
    expect(read.events).toBe(1_500);
  });

  it('reports a replay only into the projections that reached the head of the log', async () => {
    await fixture.store.append('ledger-1', someEvents(4, 'amount-recorded'), { expected: 'no-stream' });
    const poisoned: ProjectionDefinition = {
      ...streamTotalsProjection(),
      name: 'poisoned',
      apply() {
        throw new Error('synthetic: cannot fold');
      },
    };
    const options = { store: fixture.store, dataDir: fixture.dir };

    const some = await rebuildReadModels({ ...options, projections: [poisoned, streamTotalsProjection()] });
    expect(some.replayed).toEqual(['stream_totals']);
    expect(replaySummary(some)).toMatch(/^4 events replayed into stream_totals in /);
    const none = await rebuildReadModels({ ...options, projections: [poisoned], name: 'poisoned' });
    expect(none.replayed).toEqual([]);
    expect(replaySummary(none)).toBeUndefined();
  });

  it('throws ReadModelsInUse while another connection has the file open, and rebuilds once it is closed', async () => {
    await appendRandomEvents(fixture.store, 100, seededRandom(4));
    const serving = fixture.open();
    const options = { store: fixture.store, dataDir: fixture.dir, projections: sampleProjections() };
    await expect(rebuildReadModels(options)).rejects.toBeInstanceOf(ReadModelsInUse);
    serving.close();
    expect((await rebuildReadModels(options)).events).toBe(100);
  });
});

function runRebuildScript(args: readonly string[], dataDir = fixture.dir) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'scripts/rebuild-projections.ts', ...args],
    {
      cwd: resolve(__dirname, '../../..'),
      env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite' },
      encoding: 'utf8',
    },
  );
}

/** Every projection's checkpoint as the file holds it: a rebuild rewrites each row. */
function checkpoints(): unknown[] {
  const db = new Database(fixture.file(), { readonly: true });
  const rows = db.prepare('SELECT * FROM projection_checkpoints ORDER BY name, version').all();
  db.close();
  return rows;
}

describe('npm run projections:rebuild', () => {
  it('runs against DATA_DIR with the registered projections', () => {
    const result = runRebuildScript([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Whatever the registry holds today: either nothing to do, or a replay of the (empty) log.
    expect(result.stdout).toMatch(/nothing to rebuild|0 events replayed/);
  });

  it('refuses a name that is not registered, naming the registered ones, before touching DATA_DIR', () => {
    // A typo must not look like a rebuild, nor create an empty event log where DATA_DIR points.
    const dataDir = join(fixture.dir, 'not-yet-created');
    const result = runRebuildScript(['no_such_name'], dataDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^no registered projection is named "no_such_name" \(registered: [a-z_, ]+\)\n$/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a DATA_DIR with no event log instead of rebuilding from an empty one it creates', () => {
    // A mistyped DATA_DIR used to get a new, empty log and empty read models, reported as a rebuild of 0 events.
    const dataDir = join(fixture.dir, 'mistyped');
    const result = runRebuildScript([], dataDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^no event log at .*mistyped.*events\.sqlite: check DATA_DIR/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses while a running projector has the read models open, dropping nothing; --force rebuilds', async () => {
    await appendRandomEvents(fixture.store, 200, seededRandom(5));
    const runtime = fixture.runtime(fixture.open(), registeredProjections);
    await runtime.catchUp();
    runtime.start();
    const before = checkpoints();

    const refused = runRebuildScript([]);
    expect({ status: refused.status, checkpoints: checkpoints() }).toEqual({ status: 3, checkpoints: before });
    expect(refused.stderr).toMatch(
      /^refused: another process has .*read-models\.sqlite open \(a running API or worker\?\); stop it first, or rebuild anyway with --force/,
    );

    const forced = runRebuildScript(['--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/200 events replayed/);
  });

  it('refuses more than one name rather than rebuilding only the first', () => {
    const result = runRebuildScript([registeredProjections[0]?.name ?? 'audit_trail', 'another'], fixture.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^usage: npm run projections:rebuild \[projection-name\]/);
  });
});

describe('npm run projections:rebuild on read models built from another log', () => {
  // The log was restored from a backup older than the read models.
  beforeEach(async () => {
    const longer = new SqliteEventStore({ filename: join(fixture.dir, 'longer-events.sqlite'), synchronous: 'OFF' });
    await appendRandomEvents(longer, 300, seededRandom(6));
    const db = fixture.open();
    await new ProjectorRuntime({ store: longer, database: db, projections: registeredProjections }).catchUp();
    db.close();
    await longer.close();
    await appendRandomEvents(fixture.store, 100, seededRandom(7));
  });

  it('refuses to rebuild one projection, dropping nothing, and says to rebuild them all', () => {
    const before = checkpoints();
    const name = registeredProjections[0]?.name ?? 'audit_trail';

    const refused = runRebuildScript([name]);

    expect({ status: refused.status, checkpoints: checkpoints() }).toEqual({ status: 1, checkpoints: before });
    expect(refused.stdout).not.toMatch(/replayed/);
    expect(refused.stderr).toMatch(
      new RegExp(`^refused: cannot rebuild ${name} alone, nothing was dropped: .*another event log`),
    );
    expect(refused.stderr).toMatch(/run npm run projections:rebuild \(all projections\)\n$/);
  });

  it('rebuilds them all from this log', () => {
    const rebuilt = runRebuildScript([]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/\n100 events replayed in /);
  });
});
