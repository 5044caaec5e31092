import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections } from './testing/sample-projections';

let fixture: ReadModelFixture;
let other: SqliteEventStore;
beforeEach(() => {
  fixture = new ReadModelFixture();
  // Another log: the same kind of store, another file (as after switching EVENT_STORE or cluster).
  other = new SqliteEventStore({ filename: join(fixture.dir, 'other-events.sqlite'), synchronous: 'OFF' });
});
afterEach(async () => {
  await other.close();
  await fixture.cleanUp();
});

function runtimeOn(store: SqliteEventStore, errors: string[] = []): ProjectorRuntime {
  const log = { log: () => undefined, warn: () => undefined, error: (message: string) => void errors.push(message) };
  return new ProjectorRuntime({ store, database: fixture.open(), projections: sampleProjections(), log });
}

describe('read models and the log they were built from', () => {
  it('refuses to follow another log through its checkpoints: every view is failed, saying so, not live', async () => {
    await fixture.store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
    expect((await runtimeOn(fixture.store).catchUp()).every(({ state }) => state === 'live')).toBe(true);
    // The other log is longer, so its head is past every checkpoint: only its identity tells.
    await other.append('ledger-1', someEvents(8, 'amount-recorded'), { expected: 'no-stream' });

    const errors: string[] = [];
    const runtime = runtimeOn(other, errors);
    const statuses = await runtime.catchUp();
    expect(statuses.map(({ state }) => state)).toEqual(statuses.map(() => 'failed'));
    expect(statuses.map(({ position }) => position)).toEqual(statuses.map(() => 2n));
    expect(statuses[0]?.error).toMatch(/built from another event log .*npm run projections:rebuild/);
    const [lag] = await runtime.lag(await other.headPosition());
    expect(lag).toMatchObject({ state: 'failed', error: expect.stringMatching(/another event log/) });
    expect(await runtime.waitUntilProcessed(0n, 0)).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('reports checkpoints ahead of the log (a log restored from an older backup) as failed', async () => {
    await fixture.store.append('ledger-1', someEvents(6, 'amount-recorded'), { expected: 'no-stream' });
    const db = fixture.open();
    await new ProjectorRuntime({ store: fixture.store, database: db, projections: sampleProjections() }).catchUp();
    // A file from before the log's identity was recorded, opened on a shorter log.
    db.prepare('DELETE FROM projection_log').run();
    await other.append('ledger-1', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });

    const [status] = await runtimeOn(other).catchUp();
    expect(status?.state).toBe('failed');
    expect(status?.error).toMatch(/ahead of the log, whose head is 1/);
  });

  it('lets a file from an earlier release adopt the log it is opened with, once, then holds it to that log', async () => {
    await fixture.store.append('ledger-1', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });
    const db = fixture.open();
    await new ProjectorRuntime({ store: fixture.store, database: db, projections: sampleProjections() }).catchUp();
    db.exec('DROP TABLE projection_log');
    await fixture.store.append('ledger-2', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });

    const adopted = await runtimeOn(fixture.store).catchUp();
    expect(adopted.map(({ state, position }) => ({ state, position }))).toEqual(
      adopted.map(() => ({ state: 'live', position: 3n })),
    );
    await other.append('ledger-1', someEvents(9, 'amount-recorded'), { expected: 'no-stream' });
    expect((await runtimeOn(other).catchUp())[0]?.state).toBe('failed');
  });

  it('follows the new log once the read models are rebuilt from it', async () => {
    await fixture.store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
    await runtimeOn(fixture.store).catchUp();
    await other.append('ledger-1', someEvents(5, 'amount-recorded'), { expected: 'no-stream' });

    const runtime = runtimeOn(other);
    expect((await runtime.catchUp())[0]?.state).toBe('failed');
    const rebuilt = await runtime.rebuild();
    expect(rebuilt.map(({ state, position }) => ({ state, position }))).toEqual(
      rebuilt.map(() => ({ state: 'live', position: 4n })),
    );
    expect(await runtime.waitUntilProcessed(4n, 0)).toBe(true);
  });
});

describe('read models across a restored backup of the log', () => {
  // Back up the log before upgrading, upgrade, roll the data back to the backup, restart.
  it('keeps projecting a log restored from a copy made before the upgrade', async () => {
    const filename = join(fixture.dir, 'restored-events.sqlite');
    let store = new SqliteEventStore({ filename, synchronous: 'OFF' });
    await store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
    await store.close();
    withEventsFile(filename, (db) => db.exec('DROP TABLE IF EXISTS log_identity'));
    copyFileSync(filename, `${filename}.backup`);
    store = new SqliteEventStore({ filename, synchronous: 'OFF' });

    const upgraded = await runtimeOn(store).catchUp();
    expect(upgraded.map(({ state }) => state)).toEqual(upgraded.map(() => 'live'));
    await store.close();
    copyFileSync(`${filename}.backup`, filename);
    store = new SqliteEventStore({ filename, synchronous: 'OFF' });

    const errors: string[] = [];
    const runtime = runtimeOn(store, errors);
    await store.append('ledger-2', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });
    const restarted = await runtime.catchUp();
    await store.close();
    expect(restarted.map(({ state, position }) => ({ state, position }))).toEqual(
      restarted.map(() => ({ state: 'live', position: 4n })),
    );
    expect(errors).toEqual([]);
  });

  it('names an empty log once its first event is written, and then tells another log from it', async () => {
    const runtime = runtimeOn(fixture.store);
    expect((await runtime.catchUp()).every(({ state }) => state === 'live')).toBe(true);
    await fixture.store.append('ledger-1', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });
    expect((await runtime.catchUp()).every(({ state }) => state === 'live')).toBe(true);
    await other.append('ledger-1', someEvents(6, 'amount-recorded'), { expected: 'no-stream' });

    expect((await runtimeOn(other).catchUp())[0]?.error).toMatch(/built from another event log/);
  });
});

function withEventsFile(filename: string, change: (db: Database.Database) => unknown): void {
  const db = new Database(filename);
  change(db);
  db.close();
}
