import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import { identifierKeys } from './identifier-conflict';

/**
 * The bundles (each the identifiers of one bundle's records) in groups, by index: two bundles that
 * carry one valid value of one identifier kind are in one group, and so is any bundle that carries
 * a value of either, transitively. One PNC ID (or NHS number ...) is one person's, so a group is
 * one person's. Groups come in the order of their first bundle.
 */
export function groupedByIdentifier(bundles: readonly (readonly PersonIdentifiers[])[]): number[][] {
  const parent = bundles.map((_, i) => i);
  const root = (i: number): number => {
    let at = i;
    while (parent[at] !== at) at = parent[at] as number;
    return at;
  };
  const firstWith = new Map<string, number>();
  for (const [i, identifiers] of bundles.entries()) {
    for (const key of identifierKeys(identifiers)) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, i);
      else parent[Math.max(root(first), root(i))] = Math.min(root(first), root(i));
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of parent.keys()) groups.set(root(i), [...(groups.get(root(i)) ?? []), i]);
  return [...groups.values()];
}
