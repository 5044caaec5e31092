import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing/event-store-contract';
import { SqliteEventStore } from './sqlite-event-store';

const dataDir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
let fileNumber = 0;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

eventStoreContract(
  'SqliteEventStore',
  // A new file per test: the contract's fresh-log checks need an empty store each time.
  async () => new SqliteEventStore({ filename: join(dataDir, `events-${++fileNumber}.sqlite`) }),
  (store) => store.close(),
  { capabilities: { freshGapFreeLog: true, globallyUniqueEventIds: true, idempotentRetryWithAny: true } },
);
