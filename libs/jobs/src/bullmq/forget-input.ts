import type { Job, Queue } from 'bullmq';
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

const SWEEP_PAGE = 100;

/**
 * Removal after the outcome is recorded can be cut short (the worker dies in between), leaving a
 * finished job's input until its removal age: this finds such jobs and forgets it. Newest first, so
 * jobs removed for age meanwhile shift no page; a job finishing meanwhile is at most looked at twice.
 * Returns how many inputs it removed.
 */
export async function forgetInputsLeftBehind(queue: Queue<JobPayload>): Promise<number> {
  let forgotten = 0;
  for (const state of ['completed', 'failed'] as const) {
    for (let start = 0; ; start += SWEEP_PAGE) {
      const jobs = await queue.getJobs([state], start, start + SWEEP_PAGE - 1, false);
      for (const job of jobs) {
        // getJobs can give undefined for a job removed between listing and loading.
        if (job?.data?.input === undefined) continue;
        await forgetInputOnceFinished(job);
        forgotten++;
      }
      if (jobs.length < SWEEP_PAGE) break;
    }
  }
  return forgotten;
}
