import { AppendNotifier } from './append-notifier';
import type { EventRow } from './event-rows';
import { SqliteSubscription, type SubscriptionSource } from './sqlite-subscription';

/** An in-memory log standing in for the table, counting the pages the subscription asks for. */
class FakeLog implements SubscriptionSource {
  readonly notifier = new AppendNotifier();
  readonly rows: EventRow[] = [];
  pagesRead = 0;

  readPage(after: bigint, limit: number): EventRow[] {
    this.pagesRead++;
    return this.rows.filter((row) => row[0] > after).slice(0, limit);
  }

  append(count: number, stream = 'case-1', type = 'referral-made'): void {
    for (let i = 0; i < count; i++) {
      const position = BigInt(this.rows.length);
      this.rows.push([position, stream, position, `id-${position}`, type, '{}', '{"schemaVersion":1}']);
    }
    this.notifier.notify();
  }
}

function subscribe(log: FakeLog, pageSize: number, pollIntervalMs = 60_000, from = -1n): SqliteSubscription {
  return new SqliteSubscription(log, from, undefined, { pageSize, pollIntervalMs }, () => undefined);
}

describe('SqliteSubscription', () => {
  it('reads the next page only when the consumer has taken the previous one', async () => {
    const log = new FakeLog();
    log.append(100);
    const subscription = subscribe(log, 10);
    const iterator = subscription[Symbol.asyncIterator]();
    for (let i = 0; i < 10; i++) await iterator.next();
    expect(log.pagesRead).toBe(1);
    await iterator.next();
    expect(log.pagesRead).toBe(2);
    await subscription.close();
  });

  it('is woken by the append notifier, not by polling', async () => {
    const log = new FakeLog();
    const subscription = subscribe(log, 10, 60_000);
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const pagesWhileIdle = log.pagesRead;
    log.append(1);
    await expect(next).resolves.toMatchObject({ done: false, value: { position: 0n } });
    expect(pagesWhileIdle).toBe(1);
    await subscription.close();
  });

  it('falls back to polling for rows it was not told about (another process)', async () => {
    const log = new FakeLog();
    const subscription = subscribe(log, 10, 20);
    const next = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.rows.push([0n, 'case-1', 0n, 'id-0', 'referral-made', '{}', '{"schemaVersion":1}']);
    await expect(next).resolves.toMatchObject({ done: false, value: { id: 'id-0' } });
    await subscription.close();
  });

  it('ends when the consumer leaves the loop early, and reports itself closed', async () => {
    const log = new FakeLog();
    log.append(3);
    const closed: SqliteSubscription[] = [];
    const subscription = new SqliteSubscription(log, -1n, undefined, { pageSize: 10, pollIntervalMs: 60_000 }, (s) =>
      closed.push(s),
    );
    for await (const event of subscription) {
      if (event.position === 1n) break;
    }
    expect(closed).toEqual([subscription]);
  });
});
