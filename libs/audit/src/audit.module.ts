import { Global, Module } from '@nestjs/common';
import { READ_AUDIT_RECORDER } from '../../platform/src/audit/read-audit';
import { EventStoreReadAuditRecorder } from './application/event-store-read-audit-recorder';

/** The audit trail: records reads durably for every context that injects READ_AUDIT_RECORDER. */
@Global()
@Module({
  providers: [EventStoreReadAuditRecorder, { provide: READ_AUDIT_RECORDER, useExisting: EventStoreReadAuditRecorder }],
  exports: [READ_AUDIT_RECORDER],
})
export class AuditModule {}
