import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdConflictError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../port/errors';
import type { EventToAppend } from '../port/event-envelope';
import { anEvent, LEAN_METADATA, someEvents } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite-event-store';

const dataDir = mkdtempSync(join(tmpdir(), 'sqlite-group-commit-'));
let fileNumber = 0;
const stores: SqliteEventStore[] = [];

function freshStore(): { store: SqliteEventStore; wal: () => number; otherConnection: () => SqliteEventStore } {
  const filename = join(dataDir, `events-${++fileNumber}.sqlite`);
  const store = new SqliteEventStore({ filename, synchronous: 'FULL' });
  stores.push(store);
  return {
    store,
    wal: () => statSync(`${filename}-wal`, { throwIfNoEntry: false })?.size ?? 0,
    // Sees only what is committed: what the store's own connection holds uncommitted stays hidden.
    otherConnection: () => {
      const reader = new SqliteEventStore({ filename });
      stores.push(reader);
      return reader;
    },
  };
}

/** A data payload of about `bytes` characters. */
function largeData(bytes: number): { notes: string } {
  return { notes: 'x'.repeat(bytes) };
}

/**
 * `count` events with the least metadata the port takes (about 170 bytes each), so that one append
 * of thousands stays within MAX_APPEND_BYTES while three of them pass the group's event cap.
 */
function leanEvents(count: number): EventToAppend[] {
  return someEvents(count).map((event, index) => ({ ...event, data: { index }, metadata: LEAN_METADATA }));
}

/** Lets the store's file grow by `pages` more pages only: a larger write meets SQLITE_FULL. */
function roomFor(store: SqliteEventStore, pages: number): void {
  const db = store['db'];
  const now = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${now + pages}`);
}

/**
 * Makes reading the head of `stream` run `fail` (which throws) instead; the other streams read as
 * usual. Returns every stream whose head was read, in order.
 */
function failHeadOf(store: SqliteEventStore, stream: string, fail: (attempt: number) => never): string[] {
  const streamHead = store['statements'].streamHead;
  const read = streamHead.get.bind(streamHead);
  const asked: string[] = [];
  streamHead.get = (asking: string) => {
    asked.push(asking);
    if (asking !== stream) return read(asking);
    return fail(asked.filter((seen) => seen === stream).length);
  };
  return asked;
}

/** SQLite abandoning the transaction: it rolls back, then the statement fails with `code`. */
function abandon(store: SqliteEventStore, message: string, code: string): never {
  store['db'].exec('ROLLBACK');
  throw Object.assign(new Error(message), { code });
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

  it('writes a burst larger than a group in several commits, each answered before the next is written, all in order', async () => {
    const { store, otherConnection } = freshStore();
    const reader = otherConnection();
    const burst = 1_201;
    const first = store
      .append('case-0', [anEvent()], { expected: 'no-stream' })
      .then(async () => (await reader.headPosition()) + 1n);
    const rest = Array.from({ length: burst - 1 }, (_, i) =>
      store.append(`case-${i + 1}`, [anEvent()], { expected: 'no-stream' }),
    );
    // When the first caller hears back, only its group (500 appends) is committed: the rest wait
    // for later turns, so the thread was free to answer in between.
    expect(await first).toBe(500n);
    const results = await Promise.all(rest);
    expect(results.map((result) => result.position)).toEqual(
      Array.from({ length: burst - 1 }, (_, i) => BigInt(i + 1)),
    );
    const log = await reader.readAll();
    expect(log.map((event) => event.stream)).toEqual(Array.from({ length: burst }, (_, i) => `case-${i}`));
  });

  it('closes a group before its events pass the cap, so a bulk import is written in several commits', async () => {
    const { store, otherConnection } = freshStore();
    const reader = otherConnection();
    const first = store
      .append('import-1', leanEvents(4_000), { expected: 'no-stream' })
      .then(async () => (await reader.headPosition()) + 1n);
    const rest = [2, 3].map((n) => store.append(`import-${n}`, leanEvents(4_000), { expected: 'no-stream' }));
    expect(await first).toBe(8_000n);
    await expect(Promise.all(rest)).resolves.toEqual([
      { position: 7_999n, nextExpectedRevision: 3_999n },
      { position: 11_999n, nextExpectedRevision: 3_999n },
    ]);
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

  it('gives an append that fills the disk its own failure: its group neighbours are written again, in order, judged anew', async () => {
    const { store } = freshStore();
    await store.append('referral-1', [anEvent()], { expected: 'no-stream' });
    // Room for small appends, not for an assessment of ~200 KB.
    roomFor(store, 10);
    const outcomes = await Promise.allSettled([
      store.append('referral-2', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-3', [anEvent({ data: largeData(200_000) })], { expected: 'no-stream' }),
      store.append('referral-2', [anEvent()], { expected: 0n }),
      // Asked for on the assumption that the large append landed: judged against the log as it is.
      store.append('referral-3', [anEvent()], { expected: 0n }),
      store.append('referral-1', [anEvent()], { expected: 0n }),
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason))).toEqual([
      { position: 1n, nextExpectedRevision: 0n },
      expect.any(EventStoreUnavailableError),
      { position: 2n, nextExpectedRevision: 1n },
      expect.any(WrongExpectedRevisionError),
      { position: 3n, nextExpectedRevision: 1n },
    ]);
    // The failed group's transaction left nothing behind: each append is stored once, no gaps.
    const log = await store.readAll();
    expect(log.map((event) => [event.stream, event.position, event.revision])).toEqual([
      ['referral-1', 0n, 0n],
      ['referral-2', 1n, 0n],
      ['referral-2', 2n, 1n],
      ['referral-1', 3n, 1n],
    ]);
  });

  it('retries around the append that filled the disk in a few commits, not one commit per neighbour', async () => {
    const { store } = freshStore();
    await store.append('referral-0', [anEvent()], { expected: 'no-stream' });
    // Room for 300 small appends, not for an assessment of ~1 MB (within what one append may carry).
    roomFor(store, 200);
    const db = store['db'];
    // The WAL then only grows, so its frame count afterwards is what the appends below wrote.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const small = 150;
    const before = Array.from({ length: small }, (_, i) =>
      store.append(`case-${i}`, [anEvent()], { expected: 'no-stream' }),
    );
    const large = store.append('assessment-1', [anEvent({ data: largeData(1_000_000) })], { expected: 'no-stream' });
    // Asked for on the assumption that the large append landed: judged against the log as it is.
    const dependent = store.append('assessment-1', [anEvent()], { expected: 0n });
    const after = Array.from({ length: small }, (_, i) =>
      store.append(`case-${small + i}`, [anEvent()], { expected: 'no-stream' }),
    );
    const [beforeResults, largeOutcome, dependentOutcome, afterResults] = await Promise.all([
      Promise.all(before),
      large.catch((reason: unknown) => reason),
      dependent.catch((reason: unknown) => reason),
      Promise.all(after),
    ]);
    expect(beforeResults.map((result) => result.position)).toEqual(
      Array.from({ length: small }, (_, i) => BigInt(i + 1)),
    );
    expect(largeOutcome).toBeInstanceOf(EventStoreUnavailableError);
    expect(dependentOutcome).toBeInstanceOf(WrongExpectedRevisionError);
    expect(afterResults.map((result) => result.position)).toEqual(
      Array.from({ length: small }, (_, i) => BigInt(small + i + 1)),
    );
    // Every commit writes at least one WAL frame per page it changed (here the log's table and
    // index pages); one commit per small append would write at least one frame each.
    const [{ log: frames }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
    expect(frames).toBeLessThan(small);
    expect((await store.readAll()).map((event) => event.stream)).toEqual([
      'referral-0',
      ...Array.from({ length: 2 * small }, (_, i) => `case-${i}`),
    ]);
  });

  it('does not try the rest of a failed group once the file itself fails while retrying (I/O error)', async () => {
    const { store } = freshStore();
    const ioError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    // In the group the disk is full; tried alone, the file itself fails.
    const asked = failHeadOf(store, 'referral-2', (attempt) => {
      if (attempt === 1) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      throw ioError;
    });
    const outcomes = await Promise.allSettled([
      store.append('referral-1', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-2', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-3', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-4', [anEvent()], { expected: 'no-stream' }),
    ]);
    const [first, ...failed] = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value : outcome.reason,
    );
    expect(first).toEqual({ position: 0n, nextExpectedRevision: 0n });
    expect(failed[0]).toBeInstanceOf(EventStoreUnavailableError);
    expect((failed[0] as Error).cause).toBe(ioError);
    expect(failed[1]).toBe(failed[0]);
    expect(failed[2]).toBe(failed[0]);
    expect(asked.filter((stream) => stream === 'referral-3' || stream === 'referral-4')).toEqual([]);
    expect((await store.readAll()).map((event) => event.stream)).toEqual(['referral-1']);
  });

  it('tells callers of a group SQLite abandoned without a storage error exactly what the log holds', async () => {
    const { store } = freshStore();
    // A statement error that ends the whole transaction yet is no storage failure.
    failHeadOf(store, 'referral-2', () => abandon(store, 'abandoned', 'SQLITE_ERROR'));
    const streams = ['referral-1', 'referral-2', 'referral-3', 'referral-4'];
    const outcomes = await Promise.allSettled(
      streams.map((stream) => store.append(stream, [anEvent()], { expected: 'no-stream' })),
    );
    const told = outcomes.flatMap((outcome, i) =>
      outcome.status === 'fulfilled' ? [[streams[i], outcome.value.position]] : [],
    );
    const stored = (await store.readAll()).map((event) => [event.stream, event.position]);
    expect(told).toEqual(stored);
    expect(stored).toEqual([
      ['referral-1', 0n],
      ['referral-3', 1n],
      ['referral-4', 2n],
    ]);
  });

  it('writes the other appends of a group SQLite abandoned (out of memory) again; only the failing one is refused', async () => {
    const { store } = freshStore();
    // Out of memory (among others) makes SQLite abandon the whole transaction, not just the statement.
    failHeadOf(store, 'referral-2', () => abandon(store, 'out of memory', 'SQLITE_NOMEM'));
    const outcomes = await Promise.allSettled([
      store.append('referral-1', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-2', [anEvent()], { expected: 'no-stream' }),
      store.append('referral-3', [anEvent()], { expected: 'no-stream' }),
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason))).toEqual([
      { position: 0n, nextExpectedRevision: 0n },
      expect.any(EventStoreUnavailableError),
      { position: 1n, nextExpectedRevision: 0n },
    ]);
    // Nobody was told their append failed while it was in fact stored, nor stored twice.
    expect((await store.readAll()).map((event) => [event.stream, event.position])).toEqual([
      ['referral-1', 0n],
      ['referral-3', 1n],
    ]);
  });
});
