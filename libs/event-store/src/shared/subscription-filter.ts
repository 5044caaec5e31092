import type { SubscriptionFilter } from '../port/event-store';

/** A predicate on the two columns a filter can look at, so it runs before any JSON is parsed. */
export type EventPredicate = (stream: string, type: string) => boolean;

export function compileFilter(filter: SubscriptionFilter | undefined): EventPredicate | undefined {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes === undefined ? undefined : new Set(filter.eventTypes);
  if (prefixes === undefined && types === undefined) return undefined;
  return (stream, type) =>
    (prefixes === undefined || prefixes.some((prefix) => stream.startsWith(prefix))) &&
    (types === undefined || types.has(type));
}
