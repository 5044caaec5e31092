import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';

/** Every event of the log in order, page by page: what the specs' plain references fold. */
export async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; ) {
    events.push(...page);
    page = await store.readAll({ fromPosition: page[page.length - 1]?.position });
  }
  return events;
}
