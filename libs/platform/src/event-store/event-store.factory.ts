import { Logger } from '@nestjs/common';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { AppConfig } from '../config/app-config';

const log = new Logger('EventStoreDB');

/**
 * A dropped subscription goes to the service log, where operators look, not only to a process
 * warning: a subscription failing for ever leaves views behind the log, and the log line says why.
 */
function logSubscriptionDrop(error: unknown, attempt: number, delayMs: number): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  log.warn(`subscription dropped (${reason}); resubscribing in ${delayMs} ms (consecutive failure ${attempt})`);
}

/** Picks the adapter named by EVENT_STORE; everything above the port is the same in both modes. */
export async function createEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'eventstoredb') {
    // Loaded only in distributed mode so the embedded default never touches the gRPC client.
    const { EventStoreDbEventStore } = await import('../../../event-store/src/eventstoredb/eventstoredb-event-store');
    const options = config.eventStoreDb;
    if (options === undefined)
      throw new Error('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb');
    return new EventStoreDbEventStore({ ...options, subscription: { onDrop: logSubscriptionDrop } });
  }
  return SqliteEventStore.inDataDir(config.dataDir, { synchronous: config.sqliteSynchronous });
}
