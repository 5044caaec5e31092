import { Rejection } from '../../command-handling/src/rejections';
import { deterministicEventId } from './deterministic-event-id';
import type { JobCancelContext, JobKind, JobResult, JobRunContext } from './job-kind';
import type { JobPayload } from './job-view';

/**
 * Why a run's signal was aborted; anything else aborting it is treated as a failure. `lease-lost`:
 * the run could no longer be sure it held its exclusive key (BullMQ runner only).
 */
export type AbortReason = 'cancelled' | 'shutdown' | 'lease-lost';
const ABORT_REASONS: readonly unknown[] = ['cancelled', 'shutdown', 'lease-lost'] satisfies AbortReason[];

export class JobAbortedError extends Error {
  override readonly name = 'JobAbortedError';
  constructor(readonly reason: AbortReason) {
    super(
      reason === 'cancelled'
        ? 'the job was cancelled'
        : reason === 'shutdown'
          ? 'the worker is shutting down'
          : 'the job lost its exclusive lease',
    );
  }
}

export interface RunOptions {
  readonly jobId: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number | undefined, unit: string) => Promise<void>;
}

/** The reason the signal carries, when it was aborted by a runner. */
export function abortReasonOf(signal: AbortSignal): AbortReason | undefined {
  if (!signal.aborted) return undefined;
  const reason: unknown = signal.reason;
  return ABORT_REASONS.includes(reason) ? (reason as AbortReason) : undefined;
}

/**
 * Runs one attempt of a job the same way under both runners. A kind that stops because its
 * signal was aborted (by returning or throwing) is reported as JobAbortedError, so the runner can
 * tell a cancellation or a shutdown from a failure.
 */
export async function runJobAttempt(kind: JobKind, payload: JobPayload, options: RunOptions): Promise<JobResult> {
  const context: JobRunContext = {
    ...cancelContext(payload, options.jobId),
    attempt: options.attempt,
    signal: options.signal,
    progress: options.onProgress,
  };
  let result: JobResult;
  try {
    result = await kind.run(payload.input, context);
  } catch (error) {
    const reason = abortReasonOf(options.signal);
    if (reason !== undefined) throw new JobAbortedError(reason);
    throw error;
  }
  // Finishing after a shutdown request is fine (the work is done); after a cancellation too.
  return result;
}

/** The same job, principal and event ids as its runs had. */
function cancelContext(payload: JobPayload, jobId: string): JobCancelContext {
  return {
    jobId,
    principal: payload.principal,
    correlationId: payload.correlationId,
    eventIdFor: (key) => deterministicEventId(payload.inputDigest, key),
  };
}

/**
 * Tells the kind of a job that had run that it was cancelled while waiting (see
 * JobKind.cancelledWhileWaiting). Returns why it could not, for the runner to log; the job is
 * cancelled either way.
 */
export async function tellKindOfCancellation(
  kind: JobKind,
  payload: JobPayload,
  jobId: string,
): Promise<string | undefined> {
  if (kind.cancelledWhileWaiting === undefined) return undefined;
  // A queue from before this hook may have forgotten it at the cancellation.
  if (payload.input === undefined) return 'its input was already forgotten';
  try {
    await kind.cancelledWhileWaiting(payload.input, cancelContext(payload, jobId));
    return undefined;
  } catch (error) {
    return describeFailure(error);
  }
}

/** A failure no retry can mend: bad input found late, or a rule refusing it. */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof Rejection;
}

export function describeFailure(error: unknown): string {
  if (error instanceof Rejection) return `${error.rule}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
