import { Inject, Injectable } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import { panelRegistryInForce } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { residenceProtectingPanels } from '../../../case-lifecycle/src/domain/panel-registry';
import {
  JobKindProvider,
  type JobKind,
  type JobRequest,
  type JobResult,
  type JobRunContext,
} from '../../../jobs/src/job-kind';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { panelsReleased } from '../application/subject-access-release';
import { SubjectAccessService } from '../application/subject-access.service';
import { SubjectAccessQueryParams } from '../http/audit-query-params';
import { readsCsv } from './reads-csv';
import { inputAsOnRoute } from './job-input';

/** The GET route's path parameter, named as it is there (rule `isUuid`), with its query. */
class SubjectAccessJobParams extends SubjectAccessQueryParams {
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;
}

export interface SubjectAccessInput {
  readonly personId: string;
  readonly redactMarac?: 'true' | 'false';
}

/** JSON's own true and false read as the query's words. */
const redactMaracAsWord = (fields: Record<string, unknown>): Record<string, unknown> =>
  typeof fields.redactMarac === 'boolean' ? { ...fields, redactMarac: String(fields.redactMarac) } : fields;

/** Stages a run reports: the report built, then its files (the export is recorded once they are kept). */
const STAGES = 2;

/**
 * `POST /v1/jobs/subject-access`: `GET /v1/audit/subject-access/{personId}` as a job, for people
 * whose report has outgrown one response. The report is recorded as the GET records it, once the
 * runner has kept its files (a cancelled job, or one whose files could not be kept, records no
 * export); it is left as `subject-access.json` and its reads as `reads.csv` (the trail CSV's columns),
 * each download audited by the jobs library under the person (the files say whom they are about).
 * The starter or an admin may see the job; only the starter downloads its files, and a file that
 * gives a protecting panel's content in full only while they still sit on that panel, so a download
 * never gives anyone what the GET route would not give them now.
 */
@Injectable()
@JobKindProvider()
export class SubjectAccessJob implements JobKind<SubjectAccessInput> {
  readonly kind = 'subject-access';
  readonly summary = 'Subject access report for one person, as downloadable JSON (and its reads as CSV)';
  readonly roles = ['auditor', 'admin'] as const;
  readonly filesForStarterOnly = true;

  constructor(
    private readonly subjectAccess: SubjectAccessService,
    @Inject(READ_AUDIT_RECORDER) private readonly recorder: ReadAuditRecorder,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  parseInput(request: JobRequest): SubjectAccessInput {
    const { personId, redactMarac } = inputAsOnRoute(SubjectAccessJobParams, request, redactMaracAsWord);
    return { personId, ...(redactMarac === undefined ? {} : { redactMarac }) };
  }

  /** Whom the job reads: the person asked for, as the GET's path names her. */
  aboutPersonIds(input: SubjectAccessInput): string[] {
    return [input.personId];
  }

  /** The protecting panels the report gives in full: those the starter sits on, when they asked for them. */
  private unredactedPanels(input: SubjectAccessInput, context: JobRunContext): string[] {
    const released = panelsReleased(input.redactMarac, context.principal);
    return [...residenceProtectingPanels(panelRegistryInForce(this.config))]
      .filter((code) => released.has(code))
      .sort();
  }

  async run(input: SubjectAccessInput, context: JobRunContext): Promise<JobResult> {
    await context.progress(0, STAGES, 'stages');
    context.signal.throwIfAborted();
    const { report, exportEntry } = await this.subjectAccess.preparedReport(
      { ...input, principal: context.principal, correlationId: context.correlationId },
      { progress: this.readModels, timeoutMs: this.config.readYourWritesTimeoutMs },
    );
    await context.progress(1, STAGES, 'stages');
    context.signal.throwIfAborted();
    const readerPanels = this.unredactedPanels(input, context);
    // Both files are about the person asked for, named as the report's own entry names them. The
    // third parties the report mentions are not: a download of someone else's report must not show in
    // their trails or their own subject access reports.
    const aboutPersonIds = [input.personId];
    const files = [
      {
        name: 'subject-access.json',
        contentType: 'application/json; charset=utf-8',
        content: `${JSON.stringify(report, null, 2)}\n`,
        aboutPersonIds,
        readerPanels,
      },
      {
        name: 'reads.csv',
        contentType: 'text/csv; charset=utf-8',
        content: await readsCsv(report.reads),
        aboutPersonIds,
        readerPanels,
      },
    ];
    await context.progress(STAGES, STAGES, 'stages');
    // The last point a cancellation stops it: once the run returns, both runners keep its files
    // (a cancel arriving later is too late). A cancelled job handed nothing over and records nothing.
    context.signal.throwIfAborted();
    return {
      summary: {
        personId: report.personId,
        generatedAt: report.generatedAt,
        maracRedacted: report.maracRedacted,
        unredactedPanels: readerPanels,
        cases: report.cases.length,
        reads: report.reads.length,
        disclosures: report.disclosures.length,
        manualReview: report.manualReview.length,
      },
      files,
      // Recorded once the runner has kept the files: a run whose files could not be kept records no
      // export, and its retry records one, not a second.
      onceKept: () => this.recorder.record(exportEntry),
    };
  }
}
