import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { forbidden, invalid } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import type { PanelRegistry } from '../../../case-lifecycle/src/domain';
import {
  PERSON_RESOLVER,
  type PersonResolver,
} from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import {
  JobKindProvider,
  type JobCancelContext,
  type JobKind,
  type JobRequest,
  type JobResult,
  type JobRunContext,
} from '../../../jobs/src/job-kind';
import { requireHeader, requireMonth, requireMonthNotFuture } from '../domain';
import { CohortImportService, type CohortImportRequest } from './cohort-import.service';
import { csvRecords } from './csv-records';
import { importFiles } from './import-files';
import { recordUploadCancelledWhileWaiting } from './upload-cancelled-while-waiting';

const IOM = 'IOM';

function csvBody(request: JobRequest): string {
  const { body } = request;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'object' && body !== null && typeof (body as { csv?: unknown }).csv === 'string') {
    return (body as { csv: string }).csv;
  }
  throw invalid('body', 'text-csv', 'send the core-cohort file as the request body with Content-Type: text/csv');
}

/**
 * `POST /v1/jobs/iom-import?month=YYYY-MM` with the probation core-cohort CSV as the body. The
 * whole-file checks (month, CSV syntax, required columns) answer 400 at once; the rows are
 * imported by the job.
 */
@Injectable()
@JobKindProvider()
export class IomImportJob implements JobKind<CohortImportRequest> {
  readonly kind = 'iom-import';
  readonly summary = 'Monthly IOM core-cohort upload: new eligible people referred, expired ones flagged';
  readonly roles = ['coordinator', 'admin'] as const;
  private service?: CohortImportService;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly modules: ModuleRef,
    /** The registry referrals judge with: an upload must not judge under another policy version. */
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {}

  parseInput(request: JobRequest, principal: Principal): CohortImportRequest {
    // An admin refers to a panel only when the token lists it (as on the case routes), and the
    // upload's files are the IOM cohort's: its starter must be able to read them.
    const mayUpload = (['coordinator', 'admin'] as const).some((role) => principal.roles.includes(role));
    if (!(mayUpload && principal.panels.includes(IOM))) {
      throw forbidden(
        'panel-membership',
        'the core-cohort upload is for IOM coordinators, and admins whose token lists IOM',
      );
    }
    const month = requireMonthNotFuture(
      requireMonth(request.query.month ?? (request.body as { month?: unknown } | undefined)?.month),
      new Date(),
    );
    const csv = csvBody(request);
    requireHeader(csvRecords(csv));
    return { month, csv, receivedAt: new Date().toISOString() };
  }

  /**
   * One IOM upload at a time, whatever its month: two at once (a double submit, or two months'
   * files) would race to refer the same people, and the loser's attempt failed on a stream
   * revision. The later one waits queued, then runs; the same file again finds the completed import
   * and answers with its report.
   */
  exclusiveKey(): string {
    return IOM;
  }

  async run(input: CohortImportRequest, context: JobRunContext): Promise<JobResult> {
    const report = await this.importer().run(input, {
      principal: context.principal,
      correlationId: context.correlationId,
      signal: context.signal,
      progress: (done, total) => context.progress(done, total, 'rows'),
      eventIdFor: (key) => context.eventIdFor(key),
    });
    // The files name IOM's nominals, cases and CRNs: read only by who sits on IOM at the download.
    const files = importFiles(report).map((file) => ({ ...file, readerPanels: [IOM] }));
    return { summary: { ...report.summary }, files };
  }

  /** Its earlier runs held rows for the upload's completion: released, as a cancelled run would. */
  async cancelledWhileWaiting(input: CohortImportRequest, context: JobCancelContext): Promise<void> {
    await recordUploadCancelledWhileWaiting(this.importer(), input, context);
  }

  /** The case-lifecycle context's resolver (whatever matching it uses), found once the app is built. */
  private importer(): CohortImportService {
    if (this.service === undefined) {
      let people: PersonResolver;
      try {
        people = this.modules.get<symbol, PersonResolver>(PERSON_RESOLVER, { strict: false });
      } catch {
        // Matching with anything but the case-lifecycle context's resolver would split people in two.
        throw new Error(
          'iom-import needs the case-lifecycle PERSON_RESOLVER in this process (import CaseLifecycleModule)',
        );
      }
      this.service = new CohortImportService(this.store, people, this.registry);
    }
    return this.service;
  }
}
