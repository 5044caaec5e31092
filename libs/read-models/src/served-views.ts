import type { PreviousVersionAnswering, ViewsRefusal } from '../../platform/src/http/read-model-progress';
import { READ_MODEL_REBUILDING } from './read-model-database';
import type { ProjectionInstance } from './projection-instance';

/** The versions of the views asked about (every view, when `views` is undefined), retired ones left out. */
export function versionsOf(
  instances: readonly ProjectionInstance[],
  views: readonly string[] | undefined,
): ProjectionInstance[] {
  const asked = views === undefined ? undefined : new Set(views);
  return instances.filter((instance) => !instance.retired && (asked === undefined || asked.has(instance.name)));
}

/**
 * Every version among `versions` that answers queries has processed `position`, and every view
 * among them has one answering: a view being built from scratch has shown a reader nothing yet,
 * so a reader waits for it as for one behind.
 */
export function servedReach(versions: readonly ProjectionInstance[], position: bigint): boolean {
  const answered = new Set(versions.filter((instance) => instance.active).map((instance) => instance.name));
  return versions.every((instance) =>
    instance.active ? instance.checkpoint >= position : answered.has(instance.name),
  );
}

/**
 * Why a wait for `position` on `versions` cannot succeed by `deadline`, when that is known now:
 * an answering version behind it that nothing here will move in time. A previous version frozen
 * during a version bump (this release no longer carries its code) stays where it is until the new
 * one takes over; a failed one is next retried after the wait would have ended. Undefined when the
 * wait may yet succeed. (An older release sharing the file mid-deploy may still move a version
 * frozen here: the client's retry, after Retry-After, then finds it there.)
 */
export function refusal(
  versions: readonly ProjectionInstance[],
  registered: ReadonlyMap<string, number>,
  position: bigint,
  deadline: number,
): ViewsRefusal | undefined {
  for (const instance of versions) {
    if (!instance.active || instance.checkpoint >= position) continue;
    const target = registered.get(instance.name);
    if (instance.definition === undefined && target !== undefined && instance.version < target)
      return {
        rule: READ_MODEL_REBUILDING,
        message: `${instance.name} is being rebuilt as version ${target}; version ${instance.version} answers until then, frozen at position ${instance.checkpoint.toString()}, before position ${position.toString()}; retry shortly`,
      };
    if (instance.definition !== undefined && instance.failure !== undefined && instance.failure.retryAt > deadline)
      return {
        rule: 'read-model-failed',
        message: `${instance.name} (version ${instance.version}) failed to apply the log after position ${instance.checkpoint.toString()} and is next retried after this wait: ${instance.failure.message}; retry shortly`,
      };
  }
  return undefined;
}

/** The views answered by a version older than the one registered, which is being rebuilt meanwhile. */
export function previousVersions(
  versions: readonly ProjectionInstance[],
  registered: ReadonlyMap<string, number>,
): PreviousVersionAnswering[] {
  return versions.flatMap((instance) => {
    const target = registered.get(instance.name);
    return instance.active && target !== undefined && instance.version < target
      ? [{ name: instance.name, version: instance.version, rebuilding: target, position: instance.checkpoint }]
      : [];
  });
}
