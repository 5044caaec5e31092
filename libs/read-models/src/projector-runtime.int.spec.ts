import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { anEvent, someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import { ReadModelDatabase } from './read-model-database';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections, streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

let fixture: ReadModelFixture;
beforeEach(() => {
  // A poll interval far beyond any test's timeout: live updates must come from the append notification.
  fixture = new ReadModelFixture({ pollIntervalMs: 600_000 });
});
afterEach(() => fixture.cleanUp());

function opened(label = 'alpha') {
  return anEvent({ type: 'item-opened', data: { label, amount: 5 } });
}

describe('ProjectorRuntime', () => {
  it('projects the existing log, then follows new appends live', async () => {
    await fixture.store.append('item-1', [opened(), anEvent({ type: 'amount-recorded', data: { amount: 7 } })], {
      expected: 'no-stream',
    });
    const db = fixture.open();
    const runtime = fixture.runtime(db, sampleProjections());
    runtime.start();

    const { position } = await fixture.store.append(
      'ledger-9',
      [anEvent({ type: 'amount-recorded', data: { amount: 3 } })],
      {
        expected: 'no-stream',
      },
    );
    expect(await runtime.waitUntilProcessed(position, 2_000)).toBe(true);

    const queries = ReadModelDatabase.open(fixture.file());
    const totals = queries
      .statement('stream_totals', (t) => `SELECT * FROM ${t.table('totals')} ORDER BY stream`)
      .all();
    expect(totals).toEqual([
      { stream: 'item-1', events: 2, amount_sum: 12, last_type: 'amount-recorded', last_position: 1 },
      { stream: 'ledger-9', events: 1, amount_sum: 3, last_type: 'amount-recorded', last_position: 2 },
    ]);
    queries.close();
  });

  it('advances the checkpoint of a projection over events its filter leaves out', async () => {
    await fixture.store.append('ledger-1', someEvents(5, 'note-added'), { expected: 'no-stream' });
    const runtime = fixture.runtime(fixture.open(), [typeCountsProjection()]);
    const status = await runtime.catchUp();
    expect(status).toEqual([{ name: 'type_counts', version: 1, position: 4n, state: 'live', active: true }]);
    expect(await runtime.waitUntilProcessed(4n, 0)).toBe(true);
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    await fixture.store.append('item-1', someEvents(30, 'amount-recorded'), { expected: 'no-stream' });
    const first = fixture.runtime(fixture.open(), [streamTotalsProjection()], { batchSize: 7 });
    await first.catchUp();
    await first.stop();

    await fixture.store.append('item-1', someEvents(12, 'amount-recorded'), { expected: 29n });
    const db = fixture.open();
    const second = fixture.runtime(db, [streamTotalsProjection()], { batchSize: 7 });
    await second.catchUp();
    const row = db.prepare('SELECT events FROM stream_totals_v1_totals WHERE stream = ?').get('item-1');
    expect(row).toEqual({ events: 42 });
    const checkpoint = db.prepare('SELECT position, state FROM projection_checkpoints').get();
    expect(checkpoint).toEqual({ position: 41, state: 'live' });
  });

  it('isolates a failing projection, retries it, and lets the others go on', async () => {
    let broken = true;
    const fragile: ProjectionDefinition = {
      ...typeCountsProjection(),
      name: 'fragile',
      apply(db, event: RecordedEvent) {
        if (broken && event.type === 'item-closed') throw new Error('cannot handle item-closed yet');
        typeCountsProjection().apply(db, event);
      },
    };
    const db = fixture.open();
    const runtime = fixture.runtime(db, [fragile, streamTotalsProjection()], { retryDelayMs: 20, maxRetryDelayMs: 40 });
    // One append, so both events are in the batch that fails.
    const { position } = await fixture.store.append('item-3', [opened(), anEvent({ type: 'item-closed' })], {
      expected: 'no-stream',
    });
    runtime.start();

    expect(await runtime.waitUntilProcessed(position, 300)).toBe(false);
    const byName = Object.fromEntries(runtime.status().map((s) => [s.name, s]));
    expect(byName['stream_totals']).toMatchObject({ position, state: 'live' });
    // The event before the one it cannot handle is kept; its checkpoint stops just before that one.
    expect(byName['fragile']).toMatchObject({
      position: position - 1n,
      state: 'failed',
      error: expect.stringContaining('item-closed'),
    });
    expect(db.prepare("SELECT state, error FROM projection_checkpoints WHERE name = 'fragile'").get()).toEqual({
      state: 'failed',
      error: expect.stringContaining(`failed on event item-closed at position ${position.toString()}`),
    });
    expect(db.prepare('SELECT type, n FROM fragile_v1_counts').all()).toEqual([{ type: 'item-opened', n: 1 }]);

    broken = false;
    expect(await runtime.waitUntilProcessed(position, 2_000)).toBe(true);
    expect(db.prepare('SELECT type, n FROM fragile_v1_counts ORDER BY type').all()).toEqual([
      { type: 'item-closed', n: 1 },
      { type: 'item-opened', n: 1 },
    ]);
  });

  it('treats a position beyond the head as reached once everything in the log is processed', async () => {
    await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
    const runtime = fixture.runtime(fixture.open(), sampleProjections());
    runtime.start();
    expect(await runtime.waitUntilProcessed(1_000n, 2_000)).toBe(true);
  });

  it('times out when the runtime is not running', async () => {
    await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
    const runtime = fixture.runtime(fixture.open(), sampleProjections());
    runtime.initialise();
    const started = Date.now();
    expect(await runtime.waitUntilProcessed(2n, 150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('with no projections, everything is processed and there is no lag', async () => {
    await fixture.store.append('item-1', someEvents(3), { expected: 'no-stream' });
    const runtime = fixture.runtime(fixture.open(), []);
    runtime.start();
    expect(await runtime.waitUntilProcessed(2n, 0)).toBe(true);
    expect(await runtime.lag(2n)).toEqual([]);
  });

  it('reports lag in events and in seconds since the oldest unprocessed event was recorded', async () => {
    const recordedAt = '2024-05-02T09:00:00.000Z';
    await fixture.store.append(
      `item-${randomUUID()}`,
      [1, 2, 3].map(() => anEvent({ metadata: { ...anEvent().metadata, recordedAt } })),
      { expected: 'no-stream' },
    );
    const now = new Date('2024-05-02T09:01:30.500Z');
    const runtime = fixture.runtime(fixture.open(), [streamTotalsProjection()], { clock: () => now });
    runtime.initialise();
    // A fresh file: nothing answers from the version until it is built.
    expect(await runtime.lag(2n)).toEqual([
      { name: 'stream_totals', version: 1, position: '-1', lagEvents: 3, lagSeconds: 90.5, state: 'rebuilding' },
    ]);
    await runtime.catchUp();
    expect(await runtime.lag(2n)).toEqual([
      { name: 'stream_totals', version: 1, position: '2', lagEvents: 0, lagSeconds: 0, state: 'live' },
    ]);
  });

  it('stays exactly-once when two processes project into the same file', async () => {
    // Two connections stand for two processes sharing DATA_DIR (an api and a worker, say).
    const warnings: string[] = [];
    const log = { log: () => undefined, error: () => undefined, warn: (message: string) => warnings.push(message) };
    const one = fixture.runtime(fixture.open(), [streamTotalsProjection()], { batchSize: 25, log });
    const two = fixture.runtime(fixture.open(), [streamTotalsProjection()], { batchSize: 25, log });
    one.start();
    two.start();
    let last = -1n;
    for (let i = 0; i < 40; i++) {
      last = (await fixture.store.append('ledger-1', someEvents(50, 'amount-recorded'), { expected: 'any' })).position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await one.waitUntilProcessed(last, 5_000)).toBe(true);
    expect(await two.waitUntilProcessed(last, 5_000)).toBe(true);
    await Promise.all([one.stop(), two.stop()]);
    const db = fixture.open();
    expect(db.prepare('SELECT events FROM stream_totals_v1_totals').pluck().get()).toBe(2_000);
    // Both were woken by the same appends, so they did collide: the checkpoint check caught it.
    expect(warnings.some((warning) => warning.includes('reloading checkpoints'))).toBe(true);
  });

  it('finishes the batch in hand when stopped, and can be started again', async () => {
    await fixture.store.append('item-1', someEvents(500, 'amount-recorded'), { expected: 'no-stream' });
    const db = fixture.open();
    const runtime = fixture.runtime(db, [streamTotalsProjection()], { batchSize: 10 });
    runtime.start();
    await new Promise((resolve) => setImmediate(resolve));
    await runtime.stop();
    const [status] = runtime.status();
    const stored = db.prepare('SELECT position FROM projection_checkpoints').pluck().get();
    expect(BigInt(stored as number)).toBe(status?.position);
    runtime.start();
    expect(await runtime.waitUntilProcessed(499n, 2_000)).toBe(true);
    expect(db.prepare('SELECT events FROM stream_totals_v1_totals').pluck().get()).toBe(500);
  });
});
