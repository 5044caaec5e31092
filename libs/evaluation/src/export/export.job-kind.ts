import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { residenceProtectingPanels, type PanelRegistry } from '../../../case-lifecycle/src/domain/panel-registry';
import type { EventMetadata } from '../../../event-store/src/port/event-envelope';
import { countEventsThrough } from '../../../event-store/src/port/event-count';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import {
  JobKindProvider,
  type JobKind,
  type JobRequest,
  type JobResult,
  type JobRunContext,
} from '../../../jobs/src/job-kind';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { ExportAssembly } from './domain/export-assembly';
import { dataDictionary, toCsv, toNdjson } from './domain/export-formats';
import { parseExportInput, type ExportInput } from './export-input';

const PAGE = 1_000;

/** His record a MARAC referral names: in its metadata, as `referral-made` has no field for it. */
const namedPerpetratorRecord = ({ perpetratorRecordId }: EventMetadata): string | undefined =>
  typeof perpetratorRecordId === 'string' ? perpetratorRecordId : undefined;

/** HMAC-SHA256 over kind and id: without the key a pseudonym cannot be traced back or recomputed. */
export const keyedPseudonym =
  (key: Buffer | string) =>
  (kind: string, id: string): string =>
    createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, 20);

/**
 * `POST /v1/jobs/export`: the event history of a period and panels, pseudonymised for statistical
 * tools (NDJSON or CSV) with a data dictionary. Recorded in the audit trail as an `export`.
 */
@Injectable()
@JobKindProvider()
export class PseudonymisedExportJob implements JobKind<ExportInput> {
  readonly kind = 'export';
  readonly summary = 'Pseudonymised event history of a period and panels (NDJSON or CSV) with a data dictionary';
  readonly roles = ['analyst', 'admin'] as const;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
    @Optional() @Inject(READ_AUDIT_RECORDER) private readonly audit?: ReadAuditRecorder,
  ) {}

  parseInput(request: JobRequest, principal: Principal): ExportInput {
    return parseExportInput(request, principal, this.config.exportPseudonymKey !== undefined, this.registry);
  }

  async run(input: ExportInput, context: JobRunContext): Promise<JobResult> {
    if (this.audit === undefined) throw new Error('no audit recorder: an export must be recorded, so it cannot run');
    const key = input.linkablePseudonyms ? this.config.exportPseudonymKey : randomBytes(32);
    if (key === undefined) throw new Error('EXPORT_PSEUDONYM_KEY is no longer configured');
    const assembly = new ExportAssembly({
      ...input,
      residenceProtectingPanels: residenceProtectingPanels(this.registry),
      pseudonym: keyedPseudonym(key),
    });
    // A consistent cut: events appended while the export runs belong to the next one.
    const head = await this.store.headPosition();
    const total = await countEventsThrough(this.store, head);
    let done = 0;
    let fromPosition: bigint | undefined;
    for (;;) {
      context.signal.throwIfAborted();
      const page = await this.store.readAll({
        maxCount: PAGE,
        ...(fromPosition === undefined ? {} : { fromPosition }),
      });
      for (const event of page) {
        if (event.position > head) break;
        assembly.add({
          stream: event.stream,
          type: event.type,
          data: event.data,
          position: event.position,
          occurredAt: event.metadata.occurredAt,
          actorAgency: event.metadata.actor?.agency,
          correlationId: event.metadata.correlationId,
          recordedAt: event.metadata.recordedAt,
          perpetratorRecordId: namedPerpetratorRecord(event.metadata),
        });
      }
      done += page.length;
      await context.progress(Math.min(done, total), total, 'events');
      const last = page[page.length - 1];
      if (last === undefined || last.position >= head) break;
      fromPosition = last.position;
    }
    const records = assembly.finish();
    const dataFile =
      input.format === 'csv'
        ? { name: 'export.csv', contentType: 'text/csv; charset=utf-8', content: toCsv(records) }
        : { name: 'export.ndjson', contentType: 'application/x-ndjson; charset=utf-8', content: toNdjson(records) };
    const dictionary = dataDictionary({ ...input, records: records.length });
    await this.audit.record({
      action: 'export',
      principal: context.principal,
      parameters: { ...input },
      resultCount: records.length,
      subject: 'pseudonymised-export',
      correlationId: context.correlationId,
    });
    return {
      summary: { ...input, records: records.length, eventsRead: Math.min(done, total) },
      files: [
        dataFile,
        {
          name: 'data-dictionary.json',
          contentType: 'application/json; charset=utf-8',
          content: `${JSON.stringify(dictionary, null, 2)}\n`,
        },
      ],
    };
  }
}
