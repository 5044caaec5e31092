import { SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '../../platform/src/auth/principal';

/** What a job kind gets from the request that starts it. */
export interface JobRequest {
  readonly body: unknown;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly contentType?: string;
}

/** A file a finished job leaves for download (`GET /v1/jobs/{id}/files/{name}`). */
export interface JobFile {
  readonly name: string;
  readonly contentType: string;
  readonly content: string;
  /**
   * The people the file is about, when its kind knows better than its columns: each download is
   * then recorded under these ids alone (a subject access report is about its subject, not the
   * third parties it mentions). Without it a download names the ids in the file's id columns.
   * Kept with the file; files stored before it was declared have none.
   */
  readonly aboutPersonIds?: readonly string[];
  /**
   * Panels whose content the file holds in full: it is downloaded only by a reader who sits on each
   * of them at the download, not only when the job ran (a member who has since left gets 403).
   * Kept with the file; files stored before it was declared have none.
   */
  readonly readerPanels?: readonly string[];
}

/** A file's stored `aboutPersonIds` or `readerPanels` as read back: a list of strings, else none (a file kept before it). */
export const storedStrings = (stored: unknown): readonly string[] | undefined =>
  Array.isArray(stored) && stored.every((id) => typeof id === 'string') ? stored : undefined;

export interface JobResult {
  /** JSON shown by `GET /v1/jobs/{id}` once the job has finished. */
  readonly summary: Readonly<Record<string, unknown>>;
  readonly files?: readonly JobFile[];
  /**
   * Called by the runner once it has kept the files, before the job shows `completed`: what must
   * follow the files (a subject access report's `export` entry) is recorded here, so a run whose
   * files could not be kept records none and its retry records it once. Should it throw, the kept
   * files are dropped and the attempt fails (retried as any failure). Not kept: it runs in the
   * process that ran the job.
   */
  readonly onceKept?: () => Promise<void>;
}

export interface JobRunContext {
  readonly jobId: string;
  /** Who started the job: the actor of every event it appends. */
  readonly principal: Principal;
  readonly correlationId: string;
  /** 1 on the first run, 2 on the first retry ...: lets a kind tell a resumed run from a fresh one. */
  readonly attempt: number;
  /** Aborted on cancellation (`DELETE /v1/jobs/{id}`) or worker shutdown: stop at the next safe point. */
  readonly signal: AbortSignal;
  /** `unit` is what is counted: "rows", "events". `total` when known (for percent and ETA). */
  progress(done: number, total: number | undefined, unit: string): Promise<void>;
  /**
   * A uuid derived from the job's input and `key` (e.g. "row-17/0"): a retried or resumed job
   * appends the same ids, so the store recognises writes it already made instead of repeating them.
   */
  eventIdFor(key: string): string;
}

/** What a kind is told of a cancellation no run saw (see JobKind.cancelledWhileWaiting). */
export type JobCancelContext = Pick<JobRunContext, 'jobId' | 'principal' | 'correlationId' | 'eventIdFor'>;

/**
 * One kind of long work (`POST /v1/jobs/{kind}`). Implementations are Nest providers marked
 * with {@link JobKindProvider}; the jobs module discovers them, so a context adds a kind without
 * touching the jobs code.
 */
export interface JobKind<Input = unknown> {
  readonly kind: string;
  readonly summary: string;
  /** Roles that may start (and read) jobs of this kind. */
  readonly roles: readonly Role[];
  /**
   * Its files are downloaded by the one who started the job only: an admin still sees the job's
   * state and summary, but its files (a person's own report, say) are not theirs to read (403).
   */
  readonly filesForStarterOnly?: boolean;
  /**
   * Validates the request into the job's input (JSON-serialisable: it is kept in the queue).
   * Throws a `Rejection` (libs/command-handling) of kind `invalid` naming the field and rule (→ 400), or
   * `forbidden` (→ 403) when the principal may not run it on what was asked.
   */
  parseInput(request: JobRequest, principal: Principal): Input;
  /**
   * The people a job of this kind reads, from its input: kept with the job when it is queued (its
   * input is forgotten once it finishes), so a refused download of its files is filed under them
   * whether or not it has left any, and a start refused for want of a role under the people valid
   * input names (input refused regardless of role records nothing). Kinds about nobody in
   * particular leave it out.
   */
  aboutPersonIds?(input: Input): readonly string[];
  /**
   * Jobs of this kind whose inputs give the same key run one at a time, under either runner: a
   * later one stays `queued` until the running one has finished (completed, failed, cancelled or
   * released), then runs. For work that would race on the same streams (e.g. two uploads of one file).
   */
  exclusiveKey?(input: Input): string | undefined;
  run(input: Input, context: JobRunContext): Promise<JobResult>;
  /**
   * The job had run before and was cancelled while it waited to run again (after a shutdown, a lost
   * lease or a failed attempt's backoff): no run sees that cancellation, so a kind whose runs leave
   * work for a later run to finish records or undoes it here. Called by either runner holding the
   * job's exclusive key, before the input is forgotten. A process stopping during it calls it again:
   * write under `eventIdFor` keys. Should it throw, the job is cancelled all the same.
   */
  cancelledWhileWaiting?(input: Input, context: JobCancelContext): Promise<void>;
}

export const JOB_KIND_METADATA = 'ccb:job-kind';
export const JobKindProvider = (): ClassDecorator => SetMetadata(JOB_KIND_METADATA, true);
