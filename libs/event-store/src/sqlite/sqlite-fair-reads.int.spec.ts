import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { someEvents } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * better-sqlite3 answers at once, so without a hand-back a loop of awaited reads runs as
 * microtasks only and no request is served until it ends (an analytics replay of a large log
 * froze `/health` for seconds). Each read must let work already waiting on the event loop run
 * first. Ordering only: no clocks.
 */
describe('SqliteEventStore reads share the event loop', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sqlite-fair-reads-'));
  let store: SqliteEventStore;
  const stream = 'case-5d1e9a52-7c1b-4f0e-9a53-2f0c1d3e4b6a';

  beforeAll(async () => {
    store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite'), subscriptionPageSize: 10 });
    await store.append(stream, someEvents(60), { expected: 'no-stream' });
    await store.append('meeting-0b6f3a1e-2d4c-4e8a-9f17-6a5b4c3d2e1f', someEvents(1, 'meeting-scheduled'), {
      expected: 'no-stream',
    });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `read` with a macrotask queued just before it; tells which finished first. */
  async function whichFirst(read: () => Promise<unknown>): Promise<string[]> {
    const order: string[] = [];
    setImmediate(() => order.push('waiting request'));
    await read();
    order.push('read');
    return order;
  }

  it('readAll lets a request already waiting run before it answers', async () => {
    expect(await whichFirst(() => store.readAll({ maxCount: 10 }))).toEqual(['waiting request', 'read']);
  });

  it('readStream lets a request already waiting run before it answers', async () => {
    expect(await whichFirst(() => store.readStream(stream))).toEqual(['waiting request', 'read']);
  });

  it('a filtered subscription skipping page after page hands the loop back for each page', async () => {
    // Only the last event matches: the subscription reads seven pages before it has one to give.
    const subscription = store.subscribeAll({ filter: { eventTypes: ['meeting-scheduled'] } });
    const turnsSeen: number[] = [];
    let delivered = false;
    const countTurns = (): void => {
      turnsSeen.push(turnsSeen.length);
      if (!delivered) setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const first = await subscription[Symbol.asyncIterator]().next();
    delivered = true;
    await subscription.close();
    expect(first.value).toMatchObject({ type: 'meeting-scheduled' });
    expect(turnsSeen.length).toBeGreaterThanOrEqual(7);
  });
});
