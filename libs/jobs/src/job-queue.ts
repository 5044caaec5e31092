import type { JobFile } from './job-kind';
import type { JobPayload, JobView } from './job-view';

/**
 * One interface over both runners: BullMQ on Redis (distributed) and the in-process runner with
 * its SQLite job table (embedded). The HTTP layer talks only to this.
 */
export interface JobQueue {
  enqueue(payload: JobPayload): Promise<JobView>;
  find(id: string): Promise<JobView | undefined>;
  /** The owner's jobs, newest first. */
  listOwnedBy(ownerId: string, kind?: string): Promise<JobView[]>;
  /** A queued job never runs; a running one has its signal aborted. Returns the job after the request. */
  cancel(id: string): Promise<JobView | undefined>;
  file(id: string, name: string): Promise<JobFile | undefined>;
}

export const JOB_QUEUE = Symbol('JobQueue');
