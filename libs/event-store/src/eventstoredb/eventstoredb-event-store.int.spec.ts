import { eventStoreContract } from '../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * Runs the contract against a real EventStoreDB/KurrentDB server, e.g.
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest libs/event-store
 * Every test uses streams of its own, so the server may be shared and need not be empty.
 */
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString === undefined || connectionString.trim() === '') {
  const notRun = 'EventStoreDB contract suite NOT RUN: EVENTSTORE_CONNECTION_STRING is not set';
  console.warn(notRun);
  describe.skip(notRun, () => {
    it.skip(notRun, () => undefined);
  });
} else {
  eventStoreContract(
    'EventStoreDbEventStore',
    async () => new EventStoreDbEventStore({ connectionString, defaultDeadlineMs: 10_000 }),
    (store) => store.close(),
    {
      capabilities: { freshGapFreeLog: false, globallyUniqueEventIds: false, idempotentRetryWithAny: false },
      deliveryTimeoutMs: 10_000,
      testTimeoutMs: 60_000,
    },
  );
}
