import type { Job } from 'bullmq';
import type { JobPayload } from '../job-view';

/**
 * A finished job keeps its state, result and files, not what it was asked to do: nothing runs it
 * again, and an upload's input is the uploaded file itself (names, dates of birth, PNCs), which
 * BullMQ would otherwise keep in Redis until the job's removal age. A job waiting for a retry is
 * not finished and keeps it.
 */
export async function forgetInputOnceFinished(job: Job<JobPayload>): Promise<void> {
  const state = await job.getState();
  if (state !== 'completed' && state !== 'failed') return;
  await forgetInput(job);
}

/** For a job that will never run: finished, or cancelled before a worker took it. */
export async function forgetInput(job: Job<JobPayload>): Promise<void> {
  if (job.data.input === undefined) return;
  // JSON leaves the undefined input out of the stored data.
  await job.updateData({ ...job.data, input: undefined });
}
