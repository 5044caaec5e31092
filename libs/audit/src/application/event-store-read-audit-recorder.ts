import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../../event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { RefusedReadEntry, RefusedReadRecorder } from '../refused/refused-read';
import type { AuditedReadEntry } from './access-basis';
import { auditStreamFor, readAuditEvent, refusedReadEvent } from './read-audit-event';

/**
 * Appends each read to the event log, where the sealer chains it with every write. The promise
 * settles only once the append is durable; a failed append rejects, so the read fails with it.
 * At `any`, under a fresh id: a read retried after a lost acknowledgement may be recorded twice, which
 * over-counts reads but loses none; recognising it for certain would cost a read of the day's stream
 * and contention on it for every audited read (libs/audit/README.md, "A read may be recorded twice").
 */
@Injectable()
export class EventStoreReadAuditRecorder implements ReadAuditRecorder, RefusedReadRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Takes the audit context's own entries too, with the basis of a view (see AuditedReadInterceptor). */
  async record(entry: AuditedReadEntry): Promise<void> {
    await this.append((id, now) => readAuditEvent(entry, id, now, entry.correlationId ?? id));
  }

  /** A refused case or person view, durable like a read; the caller decides what a failure means. */
  async recordRefused(entry: RefusedReadEntry): Promise<void> {
    await this.append((id, now) => refusedReadEvent(entry, id, now, entry.correlationId ?? id));
  }

  private async append(eventAt: (id: string, now: string) => EventToAppend): Promise<void> {
    const now = new Date().toISOString();
    await this.store.append(auditStreamFor(now), [eventAt(randomUUID(), now)], { expected: 'any' });
  }
}
