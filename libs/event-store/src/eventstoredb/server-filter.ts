import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { SubscriptionFilter } from '../port/event-store';

/** Matches no stream name and no event type: an empty list in our filter selects nothing. */
const NOTHING = '^$';

/**
 * The part of our filter the server can apply (it takes one filter, on stream names or on event
 * types), so a narrow subscription does not pull the whole log over the network. The full filter
 * is applied again on the client.
 */
export function serverFilter(filter: SubscriptionFilter | undefined): Filter {
  if (filter?.streamPrefixes !== undefined) {
    return filter.streamPrefixes.length === 0
      ? streamNameFilter({ regex: NOTHING })
      : streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.eventTypes !== undefined) {
    const alternatives = filter.eventTypes.map(escapeRegex).join('|');
    return eventTypeFilter({ regex: alternatives === '' ? NOTHING : `^(?:${alternatives})$` });
  }
  return excludeSystemEvents();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
