import type { Request } from 'express';
import { PURPOSE_HEADER, statedPurpose } from '../../../platform/src/audit/read-audit';
import { refusalOf, type RefusedReadEntry, type RefusedReads } from '../../../platform/src/audit/refused-reads';
import type { Principal } from '../../../platform/src/auth/principal';
import type { JobKind } from '../job-kind';
import type { JobQueue } from '../job-queue';
import type { JobView } from '../job-view';

type Refused = Pick<RefusedReadEntry, 'refusal' | 'personIds' | 'pathParameters'>;

/** The `access-refused` entry for a jobs route refused to `principal`: an attempted `export`. */
function refusedExport(
  request: Request & { id?: unknown },
  principal: Principal,
  { refusal, personIds, pathParameters }: Refused,
): RefusedReadEntry {
  const route: unknown = (request.route as { path?: unknown } | undefined)?.path;
  const purpose = statedPurpose(request.headers[PURPOSE_HEADER]);
  return {
    principal,
    attempted: 'export',
    route: typeof route === 'string' ? route : request.path,
    refusal,
    ...(purpose === undefined ? {} : { purpose }),
    ...(personIds === undefined || personIds.length === 0 ? {} : { personIds }),
    ...(pathParameters === undefined ? {} : { pathParameters }),
    ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
  };
}

/**
 * Whom a job is about: as its kind named them from its input when it was queued, whatever files
 * it has kept so far (none while it runs, nor once it failed or was cancelled). A refused download
 * is an attempt on them whichever file was named, so it is filed under them, as the download would
 * have been; the file's name as given is kept in the entry. Jobs queued before that was kept fall
 * back on what their files say (loading each): they are gone after JOB_RETENTION_DAYS. A kind
 * naming no one has files about no one.
 */
async function jobAbout(queue: JobQueue, job: JobView, kind: JobKind | undefined): Promise<readonly string[]> {
  if (job.aboutPersonIds !== undefined) return job.aboutPersonIds;
  if (kind?.aboutPersonIds === undefined) return [];
  const about = new Set<string>();
  for (const { name } of job.files)
    for (const id of (await queue.file(job.id, name))?.aboutPersonIds ?? []) about.add(id);
  return [...about];
}

/**
 * Records a download of an existing job's file refused with 403 or 404 (not the starter, off the
 * file's panel, no longer holding the kind's role, or not theirs at all). An id naming no job, or a
 * name naming no file of a job the caller may read, attempted nobody's data: not recorded. Never
 * fails: the refusal stands whether or not it could be recorded.
 */
export async function recordRefusedDownload(
  refusals: RefusedReads,
  queue: JobQueue,
  kindOf: (name: string) => JobKind | undefined,
  request: Request,
  principal: Principal,
  jobId: string,
  error: unknown,
): Promise<void> {
  const refusal = refusalOf(error);
  if (refusal === undefined || refusal.rule === 'job-file-exists') return;
  // Looked up again: the refusal (404 `job-exists`) does not say whether there was a job to refuse.
  const job = await queue.find(jobId).catch(() => undefined);
  if (job === undefined) return;
  const personIds = await jobAbout(queue, job, kindOf(job.kind)).catch(() => []);
  const pathParameters = { id: job.id, name: String((request.params as Record<string, unknown>)['name']) };
  await refusals.refused(refusedExport(request, principal, { refusal, personIds, pathParameters }));
}

/**
 * Records a start refused for want of the kind's role under the people its input names. Input
 * anyone holding the role would have had refused (a 400: two sources for one field, an id that is
 * no UUID) read nobody's data: nothing is recorded, as for a refused GET with a malformed id.
 */
export async function recordRefusedStart(
  refusals: RefusedReads,
  kind: JobKind,
  parsedInput: () => unknown,
  request: Request,
  principal: Principal,
  error: unknown,
): Promise<void> {
  const refusal = refusalOf(error);
  if (refusal === undefined || kind.aboutPersonIds === undefined) return;
  let input: unknown;
  try {
    input = parsedInput();
  } catch {
    return;
  }
  const personIds = kind.aboutPersonIds(input);
  if (personIds.length === 0) return;
  await refusals.refused(
    refusedExport(request, principal, { refusal, personIds, pathParameters: { kind: kind.kind } }),
  );
}
