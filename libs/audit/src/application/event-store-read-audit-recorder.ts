import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { ReadAuditEntry, ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { auditStreamFor, readAuditEvent } from './read-audit-event';

/**
 * Appends each read to the event log, where the sealer chains it with every write. The promise
 * settles only once the append is durable; a failed append rejects, so the read fails with it.
 */
@Injectable()
export class EventStoreReadAuditRecorder implements ReadAuditRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(entry: ReadAuditEntry): Promise<void> {
    const now = new Date().toISOString();
    const id = randomUUID();
    const event = readAuditEvent(entry, id, now, entry.correlationId ?? id);
    await this.store.append(auditStreamFor(now), [event], { expected: 'any' });
  }
}
