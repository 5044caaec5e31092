import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdConflictError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../port/errors';
import type { EventToAppend } from '../port/event-envelope';
import { anEvent } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite-event-store';

const dataDir = mkdtempSync(join(tmpdir(), 'sqlite-group-commit-'));
let fileNumber = 0;
const stores: SqliteEventStore[] = [];

function freshStore(): { store: SqliteEventStore; wal: () => number } {
  const filename = join(dataDir, `events-${++fileNumber}.sqlite`);
  const store = new SqliteEventStore({ filename, synchronous: 'FULL' });
  stores.push(store);
  return { store, wal: () => statSync(`${filename}-wal`, { throwIfNoEntry: false })?.size ?? 0 };
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SqliteEventStore group commit', () => {
  it('answers appends asked for together each on its own, as if they had come one after another', async () => {
    const { store } = freshStore();
    const first = anEvent();
    const outcomes = await Promise.allSettled([
      store.append('referral-1', [first], { expected: 'no-stream' }),
      store.append('referral-2', [anEvent()], { expected: 5n }),
      store.append('referral-3', [{ ...anEvent(), id: first.id }], { expected: 'any' }),
      store.append('referral-1', [anEvent(), anEvent()], { expected: 0n }),
    ]);
    const [a, b, c, d] = outcomes;
    expect(a).toEqual({ status: 'fulfilled', value: { position: 0n, nextExpectedRevision: 0n } });
    expect(b?.status === 'rejected' && b.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(c?.status === 'rejected' && c.reason).toBeInstanceOf(EventIdConflictError);
    expect(d).toEqual({ status: 'fulfilled', value: { position: 2n, nextExpectedRevision: 2n } });
    // Nothing of the refused appends is left behind, and the log has no gap where they were.
    const log = await store.readAll();
    expect(log.map((event) => [event.stream, event.position, event.revision])).toEqual([
      ['referral-1', 0n, 0n],
      ['referral-1', 1n, 1n],
      ['referral-1', 2n, 2n],
    ]);
  });

  it('writes appends asked for together in one commit: far less written than one commit each', async () => {
    const appends = 20;
    const oneByOne = freshStore();
    const before = oneByOne.wal();
    for (let i = 0; i < appends; i++) await oneByOne.store.append(`case-${i}`, [anEvent()], { expected: 'no-stream' });
    const separately = oneByOne.wal() - before;

    const grouped = freshStore();
    const groupedBefore = grouped.wal();
    await Promise.all(
      Array.from({ length: appends }, (_, i) =>
        grouped.store.append(`case-${i}`, [anEvent()], { expected: 'no-stream' }),
      ),
    );
    const together = grouped.wal() - groupedBefore;

    expect((await grouped.store.readAll()).length).toBe(appends);
    // Each commit rewrites the pages it touches into the WAL: twenty commits write them twenty times.
    expect(together * 5).toBeLessThan(separately);
  });

  it('writes appends still queued when the store closes, and answers them', async () => {
    const filename = join(dataDir, `events-${++fileNumber}.sqlite`);
    const store = new SqliteEventStore({ filename });
    const pending = store.append('case-closing', [anEvent()], { expected: 'no-stream' });
    await store.close();
    await expect(pending).resolves.toEqual({ position: 0n, nextExpectedRevision: 0n });
    const reopened = new SqliteEventStore({ filename });
    stores.push(reopened);
    expect((await reopened.readAll()).map((event) => event.stream)).toEqual(['case-closing']);
  });

  it('stores the events as they were when append was asked for, not as the caller changed them while queued', async () => {
    const { store } = freshStore();
    const data = { reason: 'first assessment', score: 3 };
    const batch: EventToAppend[] = [anEvent({ data })];
    const pending = store.append('referral-1', batch, { expected: 'no-stream' });
    // A caller building its next command may reuse its objects before this append is answered.
    data.score = 9;
    batch.push(anEvent({ type: 'Not Kebab Case' }));
    await expect(pending).resolves.toEqual({ position: 0n, nextExpectedRevision: 0n });
    const log = await store.readAll();
    expect(log.map((event) => [event.type, event.data])).toEqual([
      ['referral-made', { reason: 'first assessment', score: 3 }],
    ]);
  });

  it('reports a storage failure met while checking a retry as the store being unavailable, for every append of the group', async () => {
    const { store } = freshStore();
    const sent = anEvent();
    await store.append('referral-1', [sent], { expected: 'no-stream' });
    store['statements'].byId.get = () => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' });
    };
    const outcomes = await Promise.allSettled([
      store.append('referral-2', [anEvent()], { expected: 'no-stream' }),
      // A client re-sending after a lost response: telling it apart means reading what is stored.
      store.append('referral-1', [sent], { expected: 'no-stream' }),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(EventStoreUnavailableError);
    }
    expect((await store.readAll()).map((event) => event.stream)).toEqual(['referral-1']);
  });

  it('fails the whole group when SQLite itself rolled its transaction back, instead of committing the rest one by one', async () => {
    const { store } = freshStore();
    const streamHead = store['statements'].streamHead;
    const read = streamHead.get.bind(streamHead);
    // Out of memory (among others) makes SQLite abandon the whole transaction, not just the statement.
    streamHead.get = (stream: string) => {
      if (stream === 'referral-2') {
        store['db'].exec('ROLLBACK');
        throw Object.assign(new Error('out of memory'), { code: 'SQLITE_NOMEM' });
      }
      return read(stream);
    };
    const outcomes = await Promise.allSettled([
      store.append('referral-1', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-2', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-3', [anEvent()], { expected: 'no-stream' }),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(EventStoreUnavailableError);
    }
    // Nobody was told their append failed while it was in fact stored.
    expect(await store.readAll()).toEqual([]);
  });
});
