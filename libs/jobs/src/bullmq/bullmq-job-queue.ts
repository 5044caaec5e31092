import type { OnApplicationShutdown } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { storedStrings, type JobFile } from '../job-kind';
import type { JobQueue } from '../job-queue';
import type { JobPayload, JobProgress, JobState, JobView } from '../job-view';
import { forgetInput } from './forget-input';
import { bullMqConnection } from './redis-connection';
import {
  cancelKey,
  deferralsKey,
  filesKey,
  ownerIndexKey,
  QUEUE_NAME,
  QUEUE_PREFIX,
  ranKey,
  type StoredResult,
} from './redis-keys';

export interface BullMqQueueSettings {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly retentionDays: number;
}

const CLOSE_TIMEOUT_MS = 2_000;

const STATE_OF: Record<string, JobState> = {
  waiting: 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  'waiting-children': 'queued',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
};

const iso = (ms: number | undefined): string | null =>
  ms === undefined || ms === 0 ? null : new Date(ms).toISOString();

/**
 * The distributed side of the job interface: the API enqueues on Redis and reads state back;
 * workers (apps/worker) run the jobs. Results stay in BullMQ, files in a Redis hash beside them,
 * both for JOB_RETENTION_DAYS.
 */
export class BullMqJobQueue implements JobQueue, OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(
    redisUrl: string,
    private readonly redis: Redis,
    private readonly settings: BullMqQueueSettings,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection: bullMqConnection(redisUrl, 'api'), prefix: QUEUE_PREFIX });
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    // With Redis unreachable, close() would wait for a connection forever: a stop must not hang.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    await this.queue.disconnect().catch(() => undefined);
  }

  async enqueue(payload: JobPayload): Promise<JobView> {
    const id = randomUUID();
    const retentionSeconds = this.settings.retentionDays * 86_400;
    const job = await this.queue.add(payload.kind, payload, {
      jobId: id,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: { age: retentionSeconds },
      removeOnFail: { age: retentionSeconds },
    });
    const index = ownerIndexKey(payload.principal.id);
    await this.redis.multi().zadd(index, job.timestamp, id).expire(index, retentionSeconds).exec();
    return this.view(job as Job<JobPayload>, 'queued', false, 0);
  }

  async find(id: string): Promise<JobView | undefined> {
    // State before the record: BullMQ writes a job's outcome and its finished state in one step, so a
    // record read after a finished state holds the outcome. Read the other way round, a job finishing
    // in between showed as failed with no error, or completed with no result.
    const state = await this.queue.getJobState(id);
    const job = (await this.queue.getJob(id)) as Job<JobPayload> | undefined;
    if (job === undefined) return undefined;
    const [cancelled, deferrals] = await Promise.all([
      this.redis.exists(cancelKey(id)),
      this.redis.get(deferralsKey(id)),
    ]);
    return this.view(job, STATE_OF[state] ?? 'queued', cancelled === 1, Number(deferrals ?? 0));
  }

  async listOwnedBy(ownerId: string, kind?: string): Promise<JobView[]> {
    const ids = await this.redis.zrevrange(ownerIndexKey(ownerId), 0, 199);
    const views = await Promise.all(ids.map((id) => this.find(id)));
    return views.filter((v): v is JobView => v !== undefined && (kind === undefined || v.kind === kind));
  }

  async cancel(id: string): Promise<JobView | undefined> {
    const job = await this.queue.getJob(id);
    if (job === undefined) return undefined;
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed') {
      // Workers check this flag before starting a job and poll it while running one.
      await this.redis.set(cancelKey(id), '1', 'EX', this.settings.retentionDays * 86_400);
      // A queued job shows as cancelled from now on and never runs: its input can go at once, even
      // with no worker up to discard it. A running one forgets it when it stops, and so does one that
      // has run: a worker first tells its kind, which may need the input (JobKind.cancelledWhileWaiting).
      if (STATE_OF[state] === 'queued' && (await this.redis.exists(ranKey(id))) === 0) {
        await forgetInput(job as Job<JobPayload>);
      }
    }
    return this.find(id);
  }

  async file(id: string, name: string): Promise<JobFile | undefined> {
    const stored = await this.redis.hget(filesKey(id), name);
    if (stored === null) return undefined;
    const kept = JSON.parse(stored) as {
      contentType: string;
      content: string;
      aboutPersonIds?: unknown;
      readerPanels?: unknown;
    };
    // A file kept before files said whom they are about has no `aboutPersonIds`: served as it was.
    const about = storedStrings(kept.aboutPersonIds);
    const panels = storedStrings(kept.readerPanels);
    return {
      name,
      contentType: kept.contentType,
      content: kept.content,
      ...(about === undefined ? {} : { aboutPersonIds: about }),
      ...(panels === undefined ? {} : { readerPanels: panels }),
    };
  }

  /** `deferrals`: starts that only found the job's exclusive key held (not attempts). */
  private view(job: Job<JobPayload>, runnerState: JobState, cancelRequested: boolean, deferrals: number): JobView {
    const finished = runnerState === 'completed' || runnerState === 'failed';
    // A cancelled job that was still queued shows as cancelled at once; the worker discards it.
    const state: JobState =
      cancelRequested && (runnerState === 'queued' || runnerState === 'failed') ? 'cancelled' : runnerState;
    const result = runnerState === 'completed' ? (job.returnvalue as StoredResult | null) : null;
    const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as JobProgress) : null;
    return {
      id: job.id ?? '',
      kind: job.data.kind,
      state,
      ownerId: job.data.principal.id,
      progress,
      summary: result?.summary ?? null,
      files: result?.files ?? [],
      error:
        state === 'cancelled'
          ? null
          : job.failedReason === undefined || job.failedReason === ''
            ? null
            : job.failedReason,
      attempts: job.attemptsStarted - deferrals,
      maxAttempts: job.opts.attempts ?? 1,
      worker: job.processedBy ?? null,
      createdAt: new Date(job.timestamp).toISOString(),
      startedAt: iso(job.processedOn),
      finishedAt: finished ? iso(job.finishedOn) : null,
      ...(job.data.aboutPersonIds === undefined ? {} : { aboutPersonIds: job.data.aboutPersonIds }),
    };
  }
}
