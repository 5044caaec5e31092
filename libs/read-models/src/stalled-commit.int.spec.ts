import Database from 'better-sqlite3';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { HealthController } from '../../platform/src/health/health.controller';
import type { ProjectorRuntime } from './projector-runtime';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

/**
 * The batch transaction itself fails: another process holds the write lock of read-models.sqlite
 * (SQLITE_FULL and I/O errors take the same path). Nothing moves until the cause clears, and an
 * operator watching /ready must see that, not every view `live` with `degraded: []`.
 */

let fixture: ReadModelFixture;
let holder: Database.Database | undefined;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(async () => {
  holder?.close();
  holder = undefined;
  await fixture.cleanUp();
});

/** Another connection (a second process, a backup tool) takes the write lock and keeps it. */
function holdWriteLock(): () => void {
  const connection = new Database(fixture.file());
  connection.exec('BEGIN IMMEDIATE');
  holder = connection;
  return () => {
    connection.exec('ROLLBACK');
    connection.close();
    holder = undefined;
  };
}

/** Resolves on the runtime's `count`th "retrying in N ms" error, with every delay logged so far. */
function retries(count: number) {
  const delays: number[] = [];
  let reached: (delays: number[]) => void = () => undefined;
  const done = new Promise<number[]>((resolve) => (reached = resolve));
  const log = {
    log: () => undefined,
    warn: () => undefined,
    error(message: string) {
      const delay = /retrying in (\d+) ms$/.exec(message)?.[1];
      if (delay === undefined) return;
      delays.push(Number(delay));
      if (delays.length === count) reached([...delays]);
    },
  };
  return { log, done };
}

async function liveRuntime(options: Parameters<ReadModelFixture['runtime']>[2]): Promise<ProjectorRuntime> {
  await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
  const db = fixture.open();
  const runtime = fixture.runtime(db, [streamTotalsProjection(), typeCountsProjection()], options);
  await runtime.catchUp();
  // Fail at once instead of after the usual 5 s wait for the lock: the path taken is the same.
  db.pragma('busy_timeout = 0');
  return runtime;
}

describe('a projector whose batches cannot commit', () => {
  it('reports the views it cannot move as failed with the cause, /ready lists them, and they recover', async () => {
    const { log, done } = retries(1);
    const runtime = await liveRuntime({ log, retryDelayMs: 10 });
    const release = holdWriteLock();
    runtime.start();
    const { position } = await fixture.store.append('item-2', someEvents(2, 'item-opened'), { expected: 'no-stream' });
    await done;

    expect(runtime.status().map(({ name, state, error }) => ({ name, state, error }))).toEqual([
      { name: 'stream_totals', state: 'failed', error: expect.stringMatching(/database is locked/) },
      { name: 'type_counts', state: 'failed', error: expect.stringMatching(/database is locked/) },
    ]);
    const ready = (await new HealthController(fixture.store, runtime).ready({} as never)) as { degraded: unknown[] };
    expect(ready.degraded).toEqual([
      { name: 'stream_totals', version: 1, state: 'failed' },
      { name: 'type_counts', version: 1, state: 'failed' },
    ]);

    release();
    expect(await runtime.waitUntilProcessed(position, 20_000)).toBe(true);
    const statuses = runtime.status();
    expect(statuses.map(({ state, error }) => ({ state, error }))).toEqual(statuses.map(() => ({ state: 'live' })));
  });

  it('retries a batch that cannot commit no less often than its own cap, so views move soon after the cause clears', async () => {
    const { log, done } = retries(6);
    const runtime = await liveRuntime({ log, retryDelayMs: 10, maxRetryDelayMs: 60_000, maxStalledRetryDelayMs: 40 });
    const release = holdWriteLock();
    runtime.start();
    await fixture.store.append('item-2', someEvents(1, 'item-opened'), { expected: 'no-stream' });

    expect(await done).toEqual([10, 20, 40, 40, 40, 40]);
    release();
  });

  it('keeps backing off when the loop wakes a moment before the stalled batch is due (timers fire early under load)', async () => {
    const { log, done } = retries(5);
    // A clock that runs at half speed: every wake of the loop comes before the batch's own retry time.
    const start = Date.now();
    const clock = () => new Date(start + (Date.now() - start) / 2);
    const runtime = await liveRuntime({
      log,
      clock,
      retryDelayMs: 10,
      maxRetryDelayMs: 60_000,
      maxStalledRetryDelayMs: 80,
    });
    const release = holdWriteLock();
    runtime.start();
    await fixture.store.append('item-2', someEvents(1, 'item-opened'), { expected: 'no-stream' });

    expect(await done).toEqual([10, 20, 40, 80, 80]);
    release();
  });
});
