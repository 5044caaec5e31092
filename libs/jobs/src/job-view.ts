import type { Principal } from '../../platform/src/auth/principal';

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobProgress {
  readonly done: number;
  readonly total: number | null;
  readonly unit: string;
  /** 0–100, one decimal; null while the total is unknown. */
  readonly percent: number | null;
  /** From the rate so far; null while it cannot be estimated. */
  readonly etaSeconds: number | null;
}

/** What a job runner keeps about one job, whichever runner it is. */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  /** Who started it (token subject); they, and admins, may read it. */
  readonly ownerId: string;
  readonly progress: JobProgress | null;
  readonly summary: Readonly<Record<string, unknown>> | null;
  readonly files: readonly { readonly name: string; readonly contentType: string }[];
  readonly error: string | null;
  /** Runs started so far, including the current one. */
  readonly attempts: number;
  readonly maxAttempts: number;
  /** The worker process running or last running it (`host:pid`), when the runner knows. */
  readonly worker: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Whom the job reads, as its kind named them from its input (JobKind.aboutPersonIds); none for jobs queued before. */
  readonly aboutPersonIds?: readonly string[];
}

/** What the queue keeps to run a job anywhere: everything is JSON. */
export interface JobPayload {
  readonly kind: string;
  readonly input: unknown;
  readonly principal: Principal;
  readonly correlationId: string;
  readonly inputDigest: string;
  /** Jobs with the same key run one at a time (see `JobKind.exclusiveKey`); prefixed with the kind. */
  readonly exclusiveKey?: string;
  /** Whom the job reads (JobKind.aboutPersonIds), kept when the input is forgotten. */
  readonly aboutPersonIds?: readonly string[];
}

/** Percent and ETA from the counts and the time spent running so far. */
export function progressOf(done: number, total: number | undefined, unit: string, runningForMs: number): JobProgress {
  const known = total !== undefined && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 1000) / 10) : null;
  const rate = runningForMs > 0 ? done / (runningForMs / 1000) : 0;
  const etaSeconds = known && rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : null;
  return { done, total: total ?? null, unit, percent, etaSeconds };
}
