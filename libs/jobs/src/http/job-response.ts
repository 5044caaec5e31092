import type { JobView } from '../job-view';

const base = (id: string): string => `/v1/jobs/${encodeURIComponent(id)}`;

/** What `GET /v1/jobs/{id}` answers: state, progress, result or error, and where to go next. */
export function jobResponse(job: JobView) {
  const self = base(job.id);
  const finished = job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled';
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    result:
      job.state === 'completed'
        ? {
            summary: job.summary ?? {},
            files: job.files.map((f) => ({
              name: f.name,
              contentType: f.contentType,
              href: `${self}/files/${encodeURIComponent(f.name)}`,
            })),
          }
        : null,
    error: job.error,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    worker: job.worker,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    links: { self, ...(finished ? {} : { cancel: self }) },
  };
}

/** The 202 answer to starting a job. */
export function startedResponse(job: JobView) {
  return { id: job.id, kind: job.kind, state: job.state, links: { self: base(job.id), cancel: base(job.id) } };
}
