import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { anEvent, someEvents, someMetadata } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite-event-store';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sqlite-log-identity-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function identityOf(filename: string): Promise<string | undefined> {
  const store = new SqliteEventStore({ filename, synchronous: 'OFF' });
  try {
    return await store.logIdentity();
  } finally {
    await store.close();
  }
}

/** A log written by a release before logIdentity: events only, nothing naming the log. */
async function preUpgradeLog(filename: string, events = 3): Promise<void> {
  const store = new SqliteEventStore({ filename, synchronous: 'OFF' });
  await store.append('case-1', someEvents(events), { expected: 'no-stream' });
  await store.close();
  const db = new Database(filename);
  db.exec('DROP TABLE IF EXISTS log_identity');
  db.close();
}

describe('the identity of an embedded log', () => {
  // Back up, upgrade, restore the backup: each copy must still be the log it was copied from.
  it('is the same for every copy of a log made before the upgrade, whichever is opened first', async () => {
    const original = join(root, 'events.sqlite');
    await preUpgradeLog(original);
    const backup = join(root, 'backup.sqlite');
    const restored = join(root, 'restored.sqlite');
    copyFileSync(original, backup);
    copyFileSync(original, restored);

    const upgraded = await identityOf(original);
    expect(upgraded).toBeDefined();
    expect(await identityOf(backup)).toBe(upgraded);
    expect(await identityOf(restored)).toBe(upgraded);
    expect(await identityOf(original)).toBe(upgraded);
  });

  it('differs between two logs, even with the same streams and event counts', async () => {
    await preUpgradeLog(join(root, 'events.sqlite'));
    await preUpgradeLog(join(root, 'other.sqlite'));
    expect(await identityOf(join(root, 'other.sqlite'))).not.toBe(await identityOf(join(root, 'events.sqlite')));
  });

  // Some first events have derived ids (a referral's from its sender and body): a scripted smoke
  // referral written first in two deployments must not make their logs one.
  it('differs between two logs whose first events share an id but were recorded at different times', async () => {
    const id = randomUUID();
    const logWith = async (filename: string, recordedAt: string): Promise<string | undefined> => {
      const store = new SqliteEventStore({ filename, synchronous: 'OFF' });
      await store.append('referral-1', [anEvent({ id, metadata: someMetadata({ recordedAt }) })], {
        expected: 'no-stream',
      });
      await store.close();
      return identityOf(filename);
    };
    const first = await logWith(join(root, 'events.sqlite'), '2026-01-05T09:00:00.000Z');
    const second = await logWith(join(root, 'other.sqlite'), '2026-03-17T14:30:00.000Z');
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
  });

  // An empty file is no log yet: any copy of it becomes whichever log is written to it.
  it('does not exist before the first event, and is then that event’s, unchanged by later appends', async () => {
    const store = new SqliteEventStore({ filename: join(root, 'events.sqlite'), synchronous: 'OFF' });
    expect(await store.logIdentity()).toBeUndefined();
    const [first] = someEvents(1);
    await store.append('case-1', [first!], { expected: 'no-stream' });
    const identity = await store.logIdentity();
    expect(identity).toContain(first!.id);
    await store.append('case-2', someEvents(2), { expected: 'no-stream' });
    expect(await store.logIdentity()).toBe(identity);
    await store.close();
  });
});
