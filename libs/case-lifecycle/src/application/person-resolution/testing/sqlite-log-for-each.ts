import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../../../event-store/src/sqlite/sqlite-event-store';

/**
 * A real SQLite log, empty for each test of the enclosing describe and removed after it. Call it
 * in the describe body; the returned function gives the current test's log.
 */
export function sqliteLogForEach(name: string): () => SqliteEventStore {
  let dir: string | undefined;
  let store: SqliteEventStore | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `${name}-`));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (store === undefined) throw new Error('the log is made in beforeEach: use it inside a test');
    return store;
  };
}
