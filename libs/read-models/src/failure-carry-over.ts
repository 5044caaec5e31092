import { failureKey } from './checkpoint-table';
import type { ProjectionInstance } from './projection-instance';

/**
 * A reload replaces every instance, and another process sharing the file causes one whenever it
 * moves a checkpoint first, which can be at nearly every append. A version that is failing must
 * keep its back-off across them, or it is retried at every reload (re-applying and rolling back
 * up to a whole batch each time), and keep its error, or /ready shows it `catching-up`.
 *
 * So a new instance at the same name, version and position as a failed one takes over its
 * failure. Otherwise, when the row says `failed` (another process's try, or this process's before
 * a restart), it starts failed with that error and is due at once: this process has not tried it
 * yet, and its first failure starts the back-off. Only versions this process moves: the loop
 * never tries the others, so a failure due at once would never be replaced.
 */
export function carryOverFailures(
  previous: readonly ProjectionInstance[],
  next: readonly ProjectionInstance[],
  failedRows: ReadonlyMap<string, string>,
  now: number,
): void {
  for (const instance of next) {
    if (instance.definition === undefined) continue;
    const before = previous.find(
      (candidate) =>
        candidate.name === instance.name &&
        candidate.version === instance.version &&
        candidate.checkpoint === instance.checkpoint,
    );
    const error = failedRows.get(failureKey(instance.name, instance.version));
    instance.failure =
      before?.failure ?? (error === undefined ? undefined : { message: error, attempts: 0, retryAt: now });
  }
}
