import { ServiceUnavailableException } from '@nestjs/common';
import type { ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ProjectionNotAvailableError, READ_MODEL_REBUILDING } from '../../../read-models/src/read-model-database';
import { viewReaches } from '../../../read-models/src/view-reaches';
import { PERSON_INDEX, personIndexProjection } from '../projections';
import type { AnsweringIndex, PersonIndexQuery } from './person-index.query';

/** Seconds a client is asked to wait before retrying a refusal made while the index is behind. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * After a release bumps the index's version, the previous version answers until the new one is
 * rebuilt: it is frozen (never moves) and may lack this version's columns. Anything read from it
 * could be stale or fail, so nothing is answered or decided on it.
 */
export class PersonIndexRebuildingError extends ServiceUnavailableException {
  constructor(active: number) {
    super({
      message: `the person index is being rebuilt as version ${personIndexProjection.version} (version ${active} answers until then, and no longer moves); retry shortly`,
      rule: READ_MODEL_REBUILDING,
    });
  }
}

/**
 * A newer release sharing the file keeps its newer version at the head (instance-setup.ts), and
 * that version's tables lack something this release reads: nothing here can be answered on it
 * until this process runs the newer release too (or the newer one is rolled back and the index rebuilt).
 */
export class PersonIndexNewerVersionError extends ServiceUnavailableException {
  constructor(active: number, lacking: readonly string[]) {
    super({
      message: `the person index answering is version ${active}, built by a newer release, which lacks ${lacking.join(', ')} that this release (version ${personIndexProjection.version}) reads; retry once every process runs the newer release`,
      rule: 'read-model-newer-version',
    });
  }
}

/**
 * Its last batch threw and no retry that could clear it falls inside the decision's wait: this
 * process does not retry that version (it does not run it, or is not following the log), or its
 * next retry, after a delay that grows with each failure, comes after the wait would have ended.
 * Waiting would only run out; the client, told to retry after `RETRY_AFTER_SECONDS`, does the waiting.
 */
export class PersonIndexFailedError extends ServiceUnavailableException {
  constructor(active: number, position: bigint) {
    super({
      message: `the person index (version ${active}) failed to apply the log after position ${position.toString()}; nothing was recorded. No retry in this process falls within the decision's wait, but a process that builds that version retries it after a growing delay, so it may recover: retry shortly`,
      rule: 'read-model-failed',
    });
  }
}

/**
 * Refuses unless a version of the index this release can read answers queries: the one it
 * registers, or a newer one another release keeps moving (mid-deploy, or one process rolled back)
 * whose tables have every column this release reads. An older version is frozen while this
 * release rebuilds its own.
 */
export function requireCurrentPersonIndex(index: PersonIndexQuery): AnsweringIndex {
  const answering = index.answering();
  if (answering === undefined) throw new ProjectionNotAvailableError(PERSON_INDEX);
  if (answering.version < personIndexProjection.version) throw new PersonIndexRebuildingError(answering.version);
  if (answering.version > personIndexProjection.version) {
    const lacking = index.columnsLackingIn(answering.version);
    if (lacking.length > 0) throw new PersonIndexNewerVersionError(answering.version, lacking);
  }
  return answering;
}

/** Whether this process retries the failed `answering` version no later than `deadline` (or is retrying it now). */
function retriedBy(progress: ReadModelProgress, answering: AnsweringIndex, deadline: number): boolean {
  const retryAt = progress.nextRetryAt?.(PERSON_INDEX, answering.version);
  return retryAt !== undefined && retryAt <= deadline;
}

/**
 * Waits (bounded) until the person index has processed `position`; false if it does not get there
 * in time. Only this index is waited for, so another view still rebuilding does not hold identity
 * decisions up. The checkpoint is read from the file, so a newer version is followed as the
 * release that builds it moves it. Refuses at once while an older version answers, or while the
 * answering one has failed and this process does not retry it before the wait ends
 * (`PersonIndexFailedError`); a retry that falls inside the wait is waited for, as a transient
 * fold error clears on it.
 */
export async function personIndexReaches(
  index: PersonIndexQuery,
  progress: ReadModelProgress,
  position: bigint,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return viewReaches(
    PERSON_INDEX,
    () => requireCurrentPersonIndex(index),
    progress,
    position,
    deadline,
    (answering) => {
      if (answering.state === 'failed' && !retriedBy(progress, answering, deadline))
        throw new PersonIndexFailedError(answering.version, answering.position);
    },
  );
}

/**
 * As `personIndexReaches`, refusing with a 503 when the index does not get there in time: a
 * decision taken on an index behind the log could repeat one already recorded (a restoring split
 * written twice) or miss a rejection.
 */
export async function awaitPersonIndex(
  index: PersonIndexQuery,
  progress: ReadModelProgress,
  position: bigint,
  timeoutMs: number,
): Promise<void> {
  if (!(await personIndexReaches(index, progress, position, timeoutMs)))
    throw new ServiceUnavailableException({
      message: `the person index has not yet processed position ${position.toString()}; nothing was recorded, retry shortly`,
      rule: 'read-your-writes-timeout',
    });
}
