import type { ProjectionDefinition } from './projection-definition';
import { checkProjectionName, checkProjectionVersion, InvalidProjectionError } from './projection-naming';

/**
 * Combines the projection lists that contexts publish into the one list the app runs, checking
 * names and versions up front so a mistake fails at startup rather than half-way through a
 * rebuild. Registration is an explicit list, not a side effect of importing a file, so the set
 * of read models never depends on import order.
 *
 * A name may appear with two versions while one replaces the other: the highest is the target,
 * and the lower one keeps its tables current (and answering queries) until the target has caught up.
 */
export function projectionRegistry(
  ...lists: readonly (readonly ProjectionDefinition[])[]
): readonly ProjectionDefinition[] {
  const all = lists.flat();
  const seen = new Set<string>();
  for (const definition of all) {
    checkProjectionName(definition.name);
    checkProjectionVersion(definition.name, definition.version);
    const key = `${definition.name}@${definition.version}`;
    if (seen.has(key)) {
      throw new InvalidProjectionError(`projection ${definition.name} v${definition.version} is registered twice`);
    }
    seen.add(key);
  }
  return all;
}

/** Registered definitions by name, each list sorted by version, highest (the target) last. */
export function definitionsByName(
  projections: readonly ProjectionDefinition[],
): Map<string, readonly ProjectionDefinition[]> {
  const byName = new Map<string, ProjectionDefinition[]>();
  for (const definition of projections) {
    const list = byName.get(definition.name) ?? [];
    list.push(definition);
    byName.set(definition.name, list);
  }
  for (const list of byName.values()) list.sort((a, b) => a.version - b.version);
  return byName;
}
