import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RefusedReadEntry, RefusedReads } from '../../../platform/src/audit/refused-reads';
import { EventStoreReadAuditRecorder } from '../application/event-store-read-audit-recorder';
import type { RefusedReadRecorder } from './refused-read';
import { recordRefusedView } from './refused-view';

/**
 * Records reads that other contexts' handlers refused (a subject access job's file) with the same
 * `access-refused` entry as a refused view; never fails, as the refusal stands regardless.
 */
@Injectable()
export class RefusedReadsRecorded implements RefusedReads {
  private readonly logger = new Logger('AuditTrail');

  constructor(@Inject(EventStoreReadAuditRecorder) private readonly recorder: RefusedReadRecorder) {}

  refused(entry: RefusedReadEntry): Promise<void> {
    return recordRefusedView(this.recorder, this.logger, entry);
  }
}
