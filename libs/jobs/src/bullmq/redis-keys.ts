/** Names in Redis. BullMQ keeps its own keys under the same prefix. */
export const QUEUE_PREFIX = 'ccb';
export const QUEUE_NAME = 'jobs';

export const ownerIndexKey = (ownerId: string): string => `${QUEUE_PREFIX}:jobs:owner:${ownerId}`;
export const cancelKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:cancel:${jobId}`;
export const filesKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:files:${jobId}`;
/** Which job runs under an exclusive key now (a lease, renewed while it runs). */
export const exclusiveKeyLease = (key: string): string => `${QUEUE_PREFIX}:jobs:exclusive:${key}`;
/** How many times the job was put back to wait for its exclusive key: those starts are not attempts. */
export const deferralsKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:deferred:${jobId}`;
/** How many of its runs stopped on a lost exclusive lease (a few are expected; many, and it fails). */
export const leaseLossesKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:lease-lost:${jobId}`;
/** Set once the job's kind has run: a cancellation while it waits is then told to the kind. */
export const ranKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:ran:${jobId}`;

/** BullMQ's return value for our jobs: the summary, and the names of files kept beside it. */
export interface StoredResult {
  readonly summary: Readonly<Record<string, unknown>>;
  readonly files: readonly { readonly name: string; readonly contentType: string }[];
}
