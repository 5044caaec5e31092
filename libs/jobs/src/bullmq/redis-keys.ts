/** Names in Redis. BullMQ keeps its own keys under the same prefix. */
export const QUEUE_PREFIX = 'ccb';
export const QUEUE_NAME = 'jobs';

export const ownerIndexKey = (ownerId: string): string => `${QUEUE_PREFIX}:jobs:owner:${ownerId}`;
export const cancelKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:cancel:${jobId}`;
export const filesKey = (jobId: string): string => `${QUEUE_PREFIX}:jobs:files:${jobId}`;

/** BullMQ's return value for our jobs: the summary, and the names of files kept beside it. */
export interface StoredResult {
  readonly summary: Readonly<Record<string, unknown>>;
  readonly files: readonly { readonly name: string; readonly contentType: string }[];
}
