import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { JobKind } from '../job-kind';
import type { JobKindRegistry } from '../job-kind-registry';
import {
  describeFailure,
  isPermanentFailure,
  JobAbortedError,
  runJobAttempt,
  tellKindOfCancellation,
  type AbortReason,
} from '../job-execution';
import { progressOf, type JobPayload } from '../job-view';
import { forgetInputOnceFinished, forgetInputsLeftBehind } from './forget-input';
import { bullMqConnection } from './redis-connection';
import { ExclusiveLease } from './exclusive-lease';
import {
  cancelKey,
  deferralsKey,
  filesKey,
  leaseLossesKey,
  QUEUE_NAME,
  QUEUE_PREFIX,
  ranKey,
  type StoredResult,
} from './redis-keys';

export interface BullMqWorkerSettings {
  readonly concurrency: number;
  readonly lockMs: number;
  readonly retentionDays: number;
}

const CANCEL_POLL_MS = 500;
const PROGRESS_WRITE_INTERVAL_MS = 250;
/** How soon a job whose exclusive key is held looks again. */
const EXCLUSIVE_WAIT_MS = 1_000;
/**
 * Lease losses a job may have before it fails. Each is a run that went JOB_LOCK_MS/2 (15 s by
 * default) without renewing its lease: ten is minutes of runs that got nowhere.
 */
export const MAX_LEASE_LOSSES = 10;
/** Besides at start-up: a worker that died and was not restarted leaves inputs for the others to find. */
const SWEEP_EVERY_MS = 60 * 60 * 1_000;

/**
 * Runs queued jobs in the worker app. Several workers share one queue (BullMQ locks each job to
 * one worker). A killed worker's lock lapses after JOB_LOCK_MS and the job runs again elsewhere;
 * on SIGTERM the worker takes no new job, aborts the running ones and puts them back in the
 * queue unharmed (no attempt used up).
 */
export class BullMqJobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly inFlight = new Map<string, AbortController>();
  private worker: Worker<JobPayload, StoredResult> | undefined;
  private finished: Queue<JobPayload> | undefined;
  private sweeping: NodeJS.Timeout | undefined;
  private shuttingDown = false;
  private readonly lease: ExclusiveLease;

  constructor(
    private readonly redisUrl: string,
    private readonly redis: Redis,
    private readonly registry: JobKindRegistry,
    private readonly settings: BullMqWorkerSettings,
  ) {
    this.lease = new ExclusiveLease(redis, settings.lockMs);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<JobPayload, StoredResult>(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: bullMqConnection(this.redisUrl, 'worker'),
      prefix: QUEUE_PREFIX,
      name: `${hostname()}:${process.pid}`,
      concurrency: this.settings.concurrency,
      lockDuration: this.settings.lockMs,
      stalledInterval: Math.max(500, Math.floor(this.settings.lockMs / 2)),
      maxStalledCount: 2,
    });
    this.worker.on('error', (error) => this.logger.error(`queue connection: ${error.message}`));
    // After BullMQ has recorded the outcome, so a job whose record never changed still has its input.
    const forget = (job: Job<JobPayload> | undefined): void => {
      if (job === undefined) return;
      forgetInputOnceFinished(job).catch((error: unknown) =>
        this.logger.warn(`job ${job.id}: input not removed: ${describeFailure(error)}`),
      );
    };
    this.worker.on('completed', forget);
    this.worker.on('failed', forget);
    this.finished = new Queue<JobPayload>(QUEUE_NAME, {
      connection: bullMqConnection(this.redisUrl, 'worker'),
      prefix: QUEUE_PREFIX,
    });
    void this.sweep(this.finished);
    this.sweeping = setInterval(() => void this.sweep(this.finished), SWEEP_EVERY_MS).unref();
    this.logger.log(
      `processing jobs of kinds: ${
        this.registry
          .all()
          .map((k) => k.kind)
          .join(', ') || '(none)'
      }`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.shuttingDown = true;
    // close() waits for running processors, which release their jobs; a job fetched meanwhile
    // is released as soon as it starts (see process).
    const closing = worker.close();
    for (const controller of this.inFlight.values()) controller.abort('shutdown' satisfies AbortReason);
    clearInterval(this.sweeping);
    await closing;
    // Only the sweep uses it: nothing to finish, and a stop must not wait on an unreachable Redis.
    await this.finished?.disconnect().catch(() => undefined);
    this.redis.disconnect();
  }

  /** Finished jobs whose input a dead worker left (see forgetInputsLeftBehind). */
  private async sweep(queue: Queue<JobPayload> | undefined): Promise<void> {
    if (queue === undefined || this.shuttingDown) return;
    try {
      const forgotten = await forgetInputsLeftBehind(queue);
      if (forgotten > 0) this.logger.log(`removed the input of ${forgotten} finished job(s) left behind`);
    } catch (error) {
      this.logger.warn(`finished jobs' inputs not swept: ${describeFailure(error)}`);
    }
  }

  private async process(job: Job<JobPayload, StoredResult>, token: string | undefined): Promise<StoredResult> {
    const payload = job.data;
    const kind = this.registry.get(payload.kind);
    if (kind === undefined) throw new UnrecoverableError(`no job kind "${payload.kind}" in this worker`);
    const id = job.id ?? '';
    const [cancelled, ran] = await Promise.all([this.redis.exists(cancelKey(id)), this.redis.exists(ranKey(id))]);
    if (cancelled === 1 && (ran === 0 || kind.cancelledWhileWaiting === undefined)) {
      throw new UnrecoverableError('cancelled before it started');
    }

    if (this.shuttingDown) return this.release(job, token);
    const exclusive = payload.exclusiveKey;
    const takenAt = Date.now();
    // A take Redis could not answer proves nothing either way: wait as if the key were held.
    const held = exclusive === undefined || (await this.lease.take(exclusive, id).catch(() => false));
    if (!held) return this.waitForKey(job, token);
    if (cancelled === 1) return this.cancelAfterTelling(kind, job, takenAt, exclusive);
    const deferrals = Number((await this.redis.get(deferralsKey(id))) ?? 0);
    await this.redis.set(ranKey(id), '1', 'EX', this.settings.retentionDays * 86_400);
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const poll = setInterval(() => {
      this.redis.exists(cancelKey(id)).then(
        (flag) => flag === 1 && controller.abort('cancelled' satisfies AbortReason),
        () => undefined,
      );
    }, CANCEL_POLL_MS);
    const stopRenewing = this.keepLease(exclusive, id, takenAt, () =>
      controller.abort('lease-lost' satisfies AbortReason),
    );
    const startedAt = Date.now();
    let lastWrite = 0;
    try {
      const result = await runJobAttempt(kind, payload, {
        jobId: id,
        attempt: job.attemptsStarted - deferrals,
        signal: controller.signal,
        onProgress: async (done, total, unit) => {
          const now = Date.now();
          if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && done !== total) return;
          lastWrite = now;
          await job.updateProgress({ ...progressOf(done, total, unit, now - startedAt) });
        },
      });
      const files = result.files ?? [];
      if (files.length > 0) {
        const key = filesKey(id);
        const write = this.redis.multi();
        for (const file of files) {
          const { contentType, content, aboutPersonIds, readerPanels } = file;
          write.hset(key, file.name, JSON.stringify({ contentType, content, aboutPersonIds, readerPanels }));
        }
        await write.expire(key, this.settings.retentionDays * 86_400).exec();
      }
      // What must follow the files is recorded once they are kept; failing, the attempt leaves none.
      await result.onceKept?.().catch(async (error: unknown) => {
        await this.redis.del(filesKey(id));
        throw error;
      });
      return { summary: result.summary, files: files.map((f) => ({ name: f.name, contentType: f.contentType })) };
    } catch (error) {
      // Awaited: a promise rejecting while the finally block awaits would be unhandled and end the process.
      if (error instanceof JobAbortedError && error.reason === 'shutdown') return await this.release(job, token);
      // Another job under the key may be running now: wait for it, as if the key had been held at the start.
      if (error instanceof JobAbortedError && error.reason === 'lease-lost') {
        return await this.afterLeaseLost(job, token);
      }
      if (error instanceof JobAbortedError) throw new UnrecoverableError('cancelled');
      this.logger.warn(`job ${id} (${payload.kind}) attempt ${job.attemptsStarted} failed: ${describeFailure(error)}`);
      if (isPermanentFailure(error)) throw new UnrecoverableError(describeFailure(error));
      throw error;
    } finally {
      clearInterval(poll);
      stopRenewing();
      this.inFlight.delete(id);
      if (exclusive !== undefined) await this.lease.giveBack(exclusive, id).catch(() => undefined);
    }
  }

  /**
   * Cancelled while waiting to run again, its key now held: the kind is told (its earlier runs may
   * have left work for the next), then the job ends as cancelled.
   */
  private async cancelAfterTelling(
    kind: JobKind,
    job: Job<JobPayload, StoredResult>,
    takenAt: number,
    exclusive?: string,
  ): Promise<never> {
    const id = job.id ?? '';
    // A hook slower than JOB_LOCK_MS must not let the key lapse: the next upload of the file would
    // start while the hook still writes. The hook cannot be stopped, so a lost lease is only logged.
    let lost = false;
    const stopRenewing = this.keepLease(exclusive, id, takenAt, () => {
      if (!lost) this.logger.error(`job ${id} (${job.data.kind}): exclusive lease lost while its kind was told`);
      lost = true;
    });
    try {
      const problem = await tellKindOfCancellation(kind, job.data, id);
      if (problem !== undefined) this.logger.warn(`job ${id} (${job.data.kind}) cancelled: ${problem}`);
    } finally {
      stopRenewing();
      if (exclusive !== undefined) await this.lease.giveBack(exclusive, id).catch(() => undefined);
    }
    throw new UnrecoverableError('cancelled while waiting to run again');
  }

  /** Renews the job's exclusive lease, if it has one, until the returned function is called. */
  private keepLease(exclusive: string | undefined, id: string, takenAt: number, lost: () => void): () => void {
    return exclusive === undefined ? () => undefined : this.lease.keep(exclusive, id, takenAt, lost);
  }

  /**
   * A run stalled past half of JOB_LOCK_MS, or its key was taken: it waits its turn, not an attempt.
   * A job that stalls at the same step on every run would wait for ever, shown as queued: after
   * MAX_LEASE_LOSSES it fails, saying why.
   */
  private async afterLeaseLost(job: Job<JobPayload, StoredResult>, token: string | undefined): Promise<never> {
    const key = leaseLossesKey(job.id ?? '');
    const [[, losses]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, this.settings.retentionDays * 86_400)
      .exec()) as [[Error | null, number]];
    if (losses >= MAX_LEASE_LOSSES) {
      throw new UnrecoverableError(
        `stopped after losing its exclusive lease ${losses} times: each time a run went ${this.settings.lockMs / 2} ms ` +
          '(half of JOB_LOCK_MS) without renewing it (the worker stalled or Redis was unreachable), or another job took it',
      );
    }
    return this.waitForKey(job, token);
  }

  /** Another job holds the key: this one waits (queued), and the start does not count as an attempt. */
  private async waitForKey(job: Job<JobPayload, StoredResult>, token: string | undefined): Promise<never> {
    const key = deferralsKey(job.id ?? '');
    await this.redis
      .multi()
      .incr(key)
      .expire(key, this.settings.retentionDays * 86_400)
      .exec();
    await job.moveToDelayed(Date.now() + EXCLUSIVE_WAIT_MS, token);
    throw new DelayedError();
  }

  /** Back to the waiting list for another worker, keeping its attempts: the job did nothing wrong. */
  private async release(job: Job<JobPayload, StoredResult>, token: string | undefined): Promise<never> {
    await job.moveToWait(token);
    throw new WaitingError();
  }
}
