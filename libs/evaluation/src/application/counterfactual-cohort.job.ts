import { Inject, Injectable } from '@nestjs/common';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import type { IomEligibilityPolicy, PanelRegistry } from '../../../case-lifecycle/src/domain';
import type { JobKind, JobRequest, JobResult, JobRunContext } from '../../../jobs/src/job-kind';
import { JobKindProvider } from '../../../jobs/src/job-kind';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Role } from '../../../platform/src/auth/principal';
import { parseCounterfactualInput, type CounterfactualInput } from '../domain/counterfactual-input';
import { counterfactualMonthsCsv, counterfactualPeopleCsv } from '../domain/counterfactual-csv';
import { runCounterfactual } from './counterfactual-run';

function iomPolicyInForce(registry: PanelRegistry): IomEligibilityPolicy {
  const iom = registry.panels.find((panel) => panel.rules.kind === 'iom');
  if (iom?.rules.kind !== 'iom') throw new Error('the panel registry has no IOM panel');
  return iom.rules.eligibilityPolicy;
}

/**
 * `POST /v1/jobs/counterfactual-cohort`: replays IOM history under an alternative eligibility
 * policy. It only reads, so a retried run simply runs again (with fresh pseudonyms).
 */
@Injectable()
@JobKindProvider()
export class CounterfactualCohortJob implements JobKind<CounterfactualInput> {
  readonly kind = 'counterfactual-cohort';
  readonly summary = 'IOM cohort per month under an alternative eligibility policy, against the recorded one';
  readonly roles: readonly Role[] = ['analyst', 'admin'];
  /** A policy named by its id means the version referrals and imports judge with now. */
  private readonly inForce: IomEligibilityPolicy;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_AUDIT_RECORDER) private readonly audit: ReadAuditRecorder,
    @Inject(PANEL_REGISTRY) registry: PanelRegistry,
  ) {
    this.inForce = iomPolicyInForce(registry);
  }

  parseInput(request: JobRequest): CounterfactualInput {
    return parseCounterfactualInput(request.body, this.inForce);
  }

  async run(input: CounterfactualInput, context: JobRunContext): Promise<JobResult> {
    const result = await runCounterfactual(
      this.store,
      {
        from: input.from,
        to: input.to,
        alternative: input.policy,
        ...(input.baseline === undefined ? {} : { baseline: input.baseline }),
      },
      { signal: context.signal, onPage: (done, total) => context.progress(done, total, 'events') },
    );
    await this.audit.record({
      action: 'report-run',
      principal: context.principal,
      subject: 'iom-counterfactual-cohort',
      parameters: { ...input, jobId: context.jobId },
      correlationId: context.correlationId,
    });
    return {
      // Counts only in the summary; pseudonyms go to the file, for those who download it.
      summary: {
        from: result.from,
        to: result.to,
        baseline: result.baseline,
        alternative: result.alternative,
        months: result.months.map(({ wouldComeIn: _in, wouldDropOut: _out, ...counts }) => counts),
        total: result.total,
      },
      files: [
        { name: 'counterfactual-months.csv', contentType: 'text/csv', content: counterfactualMonthsCsv(result) },
        { name: 'counterfactual-people.csv', contentType: 'text/csv', content: counterfactualPeopleCsv(result) },
      ],
    };
  }
}
