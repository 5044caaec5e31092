import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { invalid } from '../../../command-handling/src/rejections';
import { countEventsThrough } from '../../../event-store/src/port/event-count';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { parseAnchor } from '../application/anchor';
import { AuditChain, type VerifyReport } from '../application/audit-chain';
import { TrailRows } from '../application/trail-rows';

export interface VerificationAsked {
  readonly anchor?: string;
  readonly principal: Principal;
  readonly correlationId?: string;
  /** How long to wait for the sealer to reach the head before refusing (503). */
  readonly sealerWaitMs?: number;
  readonly onPage?: (checked: number) => Promise<void>;
  readonly signal?: AbortSignal;
}

/**
 * One verification of the chain against the whole log, recorded as a `report-run`: the same walk
 * and entry whether asked on `GET /v1/audit/verify` or run as an `audit-verify` job.
 */
@Injectable()
export class AuditVerification {
  constructor(
    private readonly chain: AuditChain,
    private readonly readModels: ReadModelDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_AUDIT_RECORDER) private readonly recorder: ReadAuditRecorder,
  ) {}

  /** The events in the log now: what a walk starting now checks at least (a job's progress total). */
  async eventsInLog(): Promise<number> {
    return countEventsThrough(this.store, await this.store.headPosition());
  }

  async run({
    anchor,
    principal,
    correlationId,
    sealerWaitMs,
    onPage,
    signal,
  }: VerificationAsked): Promise<VerifyReport> {
    const anchors = anchor === undefined ? new Map<bigint, string>() : anchorMap(anchor);
    if (!(await this.chain.sealedThrough(await this.store.headPosition(), sealerWaitMs)))
      // The same wait as a read-your-writes one: the log's head not reached in time, retry shortly.
      throw new ServiceUnavailableException({
        message: 'The audit chain is catching up with the log; retry shortly',
        rule: 'read-your-writes-timeout',
      });
    const report = await this.chain.verify(new Date().toISOString(), {
      externalAnchors: anchors,
      trail: new TrailRows(this.readModels),
      ...(onPage === undefined ? {} : { onPage }),
      ...(signal === undefined ? {} : { signal }),
    });
    await this.recorder.record({
      action: 'report-run',
      principal,
      subject: 'audit-verify',
      parameters: { ok: report.ok, checked: report.checked, unsealed: report.unsealed.count },
      ...(correlationId === undefined ? {} : { correlationId }),
    });
    return report;
  }
}

function anchorMap(value: string): Map<bigint, string> {
  const parsed = parseAnchor(value);
  // The input's rules refuse it first; an anchor left unchecked would answer ok without checking.
  if (parsed === undefined) throw invalid('anchor', 'anchor-format', 'anchor must be <position>:<64 hex digits>');
  return new Map([[parsed.position, parsed.hash]]);
}
