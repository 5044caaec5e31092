import { ServiceUnavailableException } from '@nestjs/common';
import type { ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { PERSON_INDEX, personIndexProjection } from '../projections';
import type { PersonIndexQuery } from './person-index.query';

/** Seconds a client is asked to wait before retrying a refusal made while the index is behind. */
export const RETRY_AFTER_SECONDS = 1;

/** How often a wait re-reads the person index's own checkpoint (other views may hold the shared wait back). */
const RECHECK_MS = 50;

/**
 * After a release bumps the index's version, the previous version answers until the new one is
 * rebuilt: it is frozen (never moves) and may lack this version's columns. Anything read from it
 * could be stale or fail, so nothing is answered or decided on it.
 */
export class PersonIndexRebuildingError extends ServiceUnavailableException {
  constructor(active: number) {
    super({
      message: `the person index is being rebuilt as version ${personIndexProjection.version} (version ${active} answers until then, and no longer moves); retry shortly`,
      rule: 'read-model-rebuilding',
    });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Refuses unless the version of the index this release registers answers queries. */
export function requireCurrentPersonIndex(index: PersonIndexQuery): { readonly position: bigint } {
  const answering = index.answering();
  if (answering === undefined) throw new ProjectionNotAvailableError(PERSON_INDEX);
  if (answering.version !== personIndexProjection.version) throw new PersonIndexRebuildingError(answering.version);
  return answering;
}

/**
 * Waits (bounded) until the person index has processed `position`; false if it does not get there
 * in time. Only this index is waited for, so another view still rebuilding does not hold identity
 * decisions up. Refuses at once while an older version answers.
 */
export async function personIndexReaches(
  index: PersonIndexQuery,
  progress: ReadModelProgress,
  position: bigint,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (requireCurrentPersonIndex(index).position < position) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    // Resolves once every view is there; the slice bounds the wait while another view is behind.
    const slice = Math.min(remaining, RECHECK_MS);
    const allViewsThere = await progress.waitUntilProcessed(position, slice);
    // The runtime says yes but the file does not show it yet: do not spin on a wait that returns at once.
    if (allViewsThere && requireCurrentPersonIndex(index).position < position) await sleep(slice);
  }
  return true;
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
