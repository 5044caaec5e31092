import { Injectable } from '@nestjs/common';
import {
  JobKindProvider,
  type JobKind,
  type JobRequest,
  type JobResult,
  type JobRunContext,
} from '../../../jobs/src/job-kind';
import { VerifyQueryParams } from '../http/audit-query-params';
import { AuditVerification } from './audit-verification';
import { inputAsOnRoute } from './job-input';

export interface AuditVerifyInput {
  readonly anchor?: string;
}

/**
 * A job waits this long for the sealer to reach the head (the GET waits 2 s): nobody is holding a
 * connection open, and a 503 here only fails the attempt for a retry.
 */
const SEALER_WAIT_MS = 30_000;

/**
 * `POST /v1/jobs/audit-verify`: `GET /v1/audit/verify` as a job, for logs whose walk outlasts a
 * proxy's timeout. Its summary is the GET's report; progress counts the sealed entries checked.
 */
@Injectable()
@JobKindProvider()
export class AuditVerifyJob implements JobKind<AuditVerifyInput> {
  readonly kind = 'audit-verify';
  readonly summary = 'Walk the tamper-evident chain over the whole event log (the report of GET /v1/audit/verify)';
  readonly roles = ['auditor', 'admin'] as const;

  constructor(private readonly verification: AuditVerification) {}

  parseInput(request: JobRequest): AuditVerifyInput {
    const { anchor } = inputAsOnRoute(VerifyQueryParams, request);
    return anchor === undefined ? {} : { anchor };
  }

  async run(input: AuditVerifyInput, context: JobRunContext): Promise<JobResult> {
    const total = await this.verification.eventsInLog();
    await context.progress(0, total, 'events');
    const report = await this.verification.run({
      ...input,
      principal: context.principal,
      correlationId: context.correlationId,
      sealerWaitMs: SEALER_WAIT_MS,
      // Events appended since the count are walked too: the total grows rather than done passing it.
      onPage: (checked) => context.progress(checked, Math.max(total, checked), 'events'),
      signal: context.signal,
    });
    const walked = report.checked + report.unsealed.count;
    await context.progress(walked, Math.max(total, walked), 'events');
    return { summary: { ...report } };
  }
}
