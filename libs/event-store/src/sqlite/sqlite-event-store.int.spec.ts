import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing/event-store-contract';
import { GappedPositionStore } from '../testing/gapped-position-store';
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

// The same store with EventStoreDB-like positions (gaps, non-event positions refused): whatever
// the contract does with positions must hold where they are not event numbers.
eventStoreContract(
  'SqliteEventStore with gapped positions',
  async () =>
    new GappedPositionStore(new SqliteEventStore({ filename: join(dataDir, `events-${++fileNumber}.sqlite`) })),
  (store) => store.close(),
  { capabilities: { freshGapFreeLog: false, globallyUniqueEventIds: true, idempotentRetryWithAny: true } },
);
