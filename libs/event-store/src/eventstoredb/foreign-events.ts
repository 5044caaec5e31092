import { streamCategory } from '../port/naming';
import type { EventNotOurs } from './recorded-events';

/** Told once about each kind of foreign event skipped (for logging). */
export type ForeignEventReporter = (event: EventNotOurs) => void;

/**
 * Kinds remembered: another application's log may hold millions of streams, so kinds are stream
 * categories and types, and past this many nothing new is reported (memory stays bounded).
 */
const MAX_KINDS = 1_000;

/**
 * Skipped events named like ours (our stream and type rules) but not written by us: another
 * application sharing the server and our naming. Each category and type is reported once per
 * store, since readAll, countAfter and subscriptions meet the same events over and over.
 * System events and events named otherwise are routine on a shared server and not reported.
 */
export class ForeignEventReports {
  private readonly reported = new Set<string>();

  constructor(private readonly report: ForeignEventReporter = warn) {}

  readonly skipped = (event: EventNotOurs): void => {
    if (!event.namedLikeOurs || this.reported.size >= MAX_KINDS) return;
    const kind = `${streamCategory(event.stream)}\u0000${event.type}`;
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.report(event);
  };
}

function warn(event: EventNotOurs): void {
  process.emitWarning(
    `EventStoreDB: skipping ${event.type} events in ${streamCategory(event.stream)}-… streams that this application did not write (first seen: event ${event.id} in ${event.stream}: ${event.problem})`,
    { code: 'FOREIGN_EVENT_SKIPPED' },
  );
}

/**
 * A stream named like ours holds an event we did not write. Reading the stream without it would
 * hand the caller a history with a hole (wrong state, a wrong revision to append at), so the read
 * is refused instead.
 */
export class ForeignEventInStreamError extends Error {
  override readonly name = 'ForeignEventInStreamError';
  constructor(readonly event: EventNotOurs) {
    super(
      `stream ${event.stream} holds event ${event.id} (${event.type}) at revision ${event.revision} that this application did not write (${event.problem}): refusing to read the stream without it`,
    );
  }
}

export function refuseForeignEvent(event: EventNotOurs): never {
  throw new ForeignEventInStreamError(event);
}
