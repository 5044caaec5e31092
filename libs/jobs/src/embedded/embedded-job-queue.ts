import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { JobFile, JobKind, JobResult } from '../job-kind';
import type { JobKindRegistry } from '../job-kind-registry';
import {
  describeFailure,
  isPermanentFailure,
  JobAbortedError,
  runJobAttempt,
  tellKindOfCancellation,
  type AbortReason,
} from '../job-execution';
import type { JobQueue } from '../job-queue';
import { progressOf, type JobPayload, type JobView } from '../job-view';
import type { ClaimedJob, SqliteJobTable } from './sqlite-job-table';

export interface EmbeddedRunnerSettings {
  readonly concurrency: number;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly retentionDays: number;
}

const PROGRESS_WRITE_INTERVAL_MS = 200;
/**
 * How long running jobs get to reach a safe point on shutdown. It runs after the HTTP drain (1 s
 * readiness window + 5 s), so 1 + 5 + 3 s stays inside a 10 s container stop grace period.
 */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Runs jobs in this process (embedded mode, no REDIS_URL), with the same semantics as the
 * BullMQ runner: attempts with exponential backoff, progress, cancellation through the job's
 * signal, and on shutdown in-flight jobs released back to the queue. Records are durable, so a
 * restart resumes queued jobs and retries interrupted ones.
 */
export class EmbeddedJobQueue implements JobQueue, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly table: SqliteJobTable,
    private readonly registry: JobKindRegistry,
    private readonly settings: EmbeddedRunnerSettings,
  ) {}

  onApplicationBootstrap(): void {
    const now = new Date();
    this.purgeExpired(now);
    const recovered = this.table.recoverInterrupted(now);
    if (recovered > 0) this.logger.warn(`${recovered} job(s) interrupted by a previous stop were re-queued or failed`);
    this.pump();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const running = [...this.inFlight.values()];
    for (const { controller } of running) controller.abort('shutdown' satisfies AbortReason);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running.map((r) => r.done)),
      new Promise((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timeout);
    // Whatever did not stop in time is still marked running: the next start re-queues it, with the
    // attempt counted (failed instead if it was the last), as for a process that died.
    this.table.close();
  }

  async enqueue(payload: JobPayload): Promise<JobView> {
    const view = this.table.insert(randomUUID(), payload, this.settings.attempts, new Date());
    setImmediate(() => this.pump());
    return view;
  }

  async find(id: string): Promise<JobView | undefined> {
    return this.table.find(id);
  }

  async listOwnedBy(ownerId: string, kind?: string): Promise<JobView[]> {
    return this.table.listOwnedBy(ownerId, kind);
  }

  async cancel(id: string): Promise<JobView | undefined> {
    const job = this.table.find(id);
    if (job === undefined) return undefined;
    if (job.state === 'queued') {
      // A job that has run may have left work for its next run: its kind is told, under its key.
      if (job.startedAt !== null && this.registry.get(job.kind)?.cancelledWhileWaiting !== undefined) {
        this.table.requestCancel(id);
        setImmediate(() => this.pump());
      } else this.table.markCancelled(id, new Date());
    } else if (job.state === 'running') {
      this.table.requestCancel(id);
      this.inFlight.get(id)?.controller.abort('cancelled' satisfies AbortReason);
    }
    return this.table.find(id);
  }

  async file(id: string, name: string): Promise<JobFile | undefined> {
    return this.table.file(id, name);
  }

  private purgeExpired(now: Date): void {
    this.table.purgeFinishedBefore(new Date(now.getTime() - this.settings.retentionDays * 86_400_000));
  }

  private pump(): void {
    if (this.stopping) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight.size < this.settings.concurrency) {
      const claimed = this.table.claimNext(new Date());
      if (claimed === undefined) break;
      const controller = new AbortController();
      const done = this.execute(claimed, controller.signal).finally(() => {
        this.inFlight.delete(claimed.id);
        // Each finish forgets what has been kept long enough, as BullMQ does: an api up for months
        // would otherwise keep every job since it started.
        if (!this.stopping) this.purgeExpired(new Date());
        this.pump();
      });
      this.inFlight.set(claimed.id, { controller, done });
    }
    // Wake for the next delayed retry; new jobs wake the pump themselves.
    const due = this.table.nextDueInMs(new Date());
    if (due !== undefined && this.inFlight.size < this.settings.concurrency) {
      this.timer = setTimeout(() => this.pump(), Math.max(due, 20));
      this.timer.unref();
    }
  }

  private async cancelAfterTelling(kind: JobKind | undefined, job: ClaimedJob): Promise<void> {
    const problem = kind === undefined ? undefined : await tellKindOfCancellation(kind, job.payload, job.id);
    if (problem !== undefined) this.logger.warn(`job ${job.id} (${job.payload.kind}) cancelled: ${problem}`);
    this.table.markCancelled(job.id, new Date());
  }

  /** Files first, then what must follow them (JobResult.onceKept), then the job completed. */
  private async keep(id: string, result: JobResult): Promise<void> {
    this.table.keepFiles(id, result.files ?? []);
    try {
      await result.onceKept?.();
    } catch (error) {
      this.table.dropFiles(id);
      throw error;
    }
    this.table.complete(id, result.summary, [], new Date());
  }

  private async execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const kind = this.registry.get(job.payload.kind);
    if (job.cancelling) return this.cancelAfterTelling(kind, job);
    if (kind === undefined) {
      this.table.fail(job.id, `no job kind "${job.payload.kind}" in this process`, undefined, new Date());
      return;
    }
    const startedAt = Date.now();
    let lastWrite = 0;
    try {
      const result = await runJobAttempt(kind, job.payload, {
        jobId: job.id,
        attempt: job.attempt,
        signal,
        onProgress: async (done, total, unit) => {
          const now = Date.now();
          if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && done !== total) return;
          lastWrite = now;
          this.table.recordProgress(job.id, progressOf(done, total, unit, now - startedAt));
        },
      });
      await this.keep(job.id, result);
    } catch (error) {
      if (error instanceof JobAbortedError) {
        if (error.reason === 'cancelled') this.table.markCancelled(job.id, new Date());
        else this.table.release(job.id);
        return;
      }
      const lastAttempt = job.attempt >= job.maxAttempts || isPermanentFailure(error);
      const retryInMs = lastAttempt ? undefined : this.settings.backoffMs * 2 ** (job.attempt - 1);
      this.logger.warn(`job ${job.id} (${job.payload.kind}) attempt ${job.attempt} failed: ${describeFailure(error)}`);
      this.table.fail(job.id, describeFailure(error), retryInMs, new Date());
    }
  }
}
