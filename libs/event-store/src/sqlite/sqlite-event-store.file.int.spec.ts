import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { someEvents, streamIn, uniqueCategory } from '../testing/event-fixtures';
import { take } from '../testing/subscription-helpers';
import { SqliteEventStore } from './sqlite-event-store';

/** Behaviour specific to the embedded store: its file, and sharing that file between processes. */
describe('SqliteEventStore on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sqlite-event-store-file-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('inDataDir creates the directory and keeps the log in events.sqlite, in WAL mode', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = SqliteEventStore.inDataDir(dataDir);
    await store.append(streamIn(uniqueCategory()), someEvents(1), { expected: 'no-stream' });
    await store.close();
    const filename = join(dataDir, 'events.sqlite');
    expect(existsSync(filename)).toBe(true);
    const db = new Database(filename, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    db.close();
  });

  it('keeps events across reopening, and continues positions and revisions', async () => {
    const filename = join(root, 'events.sqlite');
    const stream = streamIn(uniqueCategory());
    const first = new SqliteEventStore({ filename });
    await first.append(stream, someEvents(2), { expected: 'no-stream' });
    await first.close();
    const second = new SqliteEventStore({ filename, synchronous: 'NORMAL' });
    const result = await second.append(stream, someEvents(1), { expected: 1n });
    expect(result).toEqual({ nextExpectedRevision: 2n, position: 2n });
    await second.close();
  });

  it('a subscription sees appends made through another connection to the file within the poll interval', async () => {
    const filename = join(root, 'events.sqlite');
    const category = uniqueCategory();
    const reader = new SqliteEventStore({ filename, pollIntervalMs: 50 });
    const writer = new SqliteEventStore({ filename });
    const subscription = reader.subscribeAll({ filter: { streamPrefixes: [`${category}-`] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = take(iterator, 2, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writer.append(streamIn(category), someEvents(2), { expected: 'no-stream' });
    expect((await pending).map((event) => event.position)).toEqual([0n, 1n]);
    await writer.close();
    await reader.close();
  });

  it('appends from two connections interleave without gaps or duplicate positions', async () => {
    const filename = join(root, 'events.sqlite');
    const stores = [new SqliteEventStore({ filename }), new SqliteEventStore({ filename })];
    const category = uniqueCategory();
    for (let i = 0; i < 20; i++) {
      await (stores[i % 2] as SqliteEventStore).append(streamIn(category), someEvents(1 + (i % 3)), {
        expected: 'no-stream',
      });
    }
    const positions = (await (stores[0] as SqliteEventStore).readAll()).map((event) => event.position);
    expect(positions).toEqual(positions.map((_, index) => BigInt(index)));
    await Promise.all(stores.map((store) => store.close()));
  });
});
