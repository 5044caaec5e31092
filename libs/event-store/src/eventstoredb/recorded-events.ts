import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../port/event-envelope';
import { isValidEventType, isValidStreamName } from '../port/naming';
import { isEventMetadata, metadataProblem } from '../shared/validate-append';

/** What the server sends when it does not know a commit position (stream reads before 22.6). */
const NO_POSITION = 18_446_744_073_709_551_615n;

type ClientRecordedEvent = NonNullable<ResolvedEvent['event'] | AllStreamResolvedEvent['event']>;

/**
 * Ours: a JSON event in a stream and with a type that follow our naming rules. That excludes
 * system streams and types (`$`-prefixed: `$metadata`, `$>` links, `$stats-…`) and anything else
 * another application may have written to the same server.
 */
export function isOurs(event: ClientRecordedEvent): boolean {
  return (
    event.isJson &&
    isValidStreamName(event.streamId) &&
    isValidEventType(event.type) &&
    typeof event.data === 'object' &&
    event.data !== null
  );
}

/** Our envelope for a resolved event, or undefined when the event is not ours (see {@link isOurs}). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || !isOurs(event)) return undefined;
  const metadata: unknown = event.metadata;
  if (!isEventMetadata(metadata)) {
    throw new Error(`event ${event.id} in ${event.streamId}: ${metadataProblem(metadata) ?? 'malformed metadata'}`);
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data as unknown,
    metadata,
    stream: event.streamId,
    revision: event.revision,
    position: commitPosition(resolved),
  };
}

/** The commit position, which is our global position: unique per event for gRPC appends. */
export function commitPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (position === undefined || position === NO_POSITION || position < 0n) {
    throw new Error(
      `event ${resolved.event?.id ?? '?'}: the server reported no commit position (EventStoreDB 22.6 or later is required)`,
    );
  }
  return position;
}
