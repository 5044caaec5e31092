import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '../port/event-envelope';
import { isValidEventType, isValidStreamName } from '../port/naming';
import { isRecord, metadataProblem } from '../shared/validate-append';

/** What the server sends when it does not know a commit position (stream reads before 22.6). */
const NO_POSITION = 18_446_744_073_709_551_615n;

type ClientRecordedEvent = NonNullable<ResolvedEvent['event'] | AllStreamResolvedEvent['event']>;

/** An event the adapter met that is not ours, and why. */
export interface EventNotOurs {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly revision: bigint;
  readonly problem: string;
  /**
   * Stream and type follow our naming rules, so only its content (not JSON, data not an object,
   * metadata without our envelope) shows it was not written by us: worth telling an operator about.
   */
  readonly namedLikeOurs: boolean;
}

/** What to do with an event that is not ours: skip it (and maybe tell someone), or throw. */
export type NotOursHandler = (event: EventNotOurs) => void;

/**
 * Why an event is not ours (undefined when it is). Ours: a JSON event in a stream and with a type
 * that follow our naming rules, with an object as data and our metadata envelope. That excludes
 * system streams and types (`$`-prefixed: `$metadata`, `$>` links, `$stats-…`) and anything else
 * another application may have written to the same server, even under names that look like ours.
 */
function whyNotOurs(event: ClientRecordedEvent): { problem: string; namedLikeOurs: boolean } | undefined {
  if (!isValidStreamName(event.streamId)) return { problem: 'its stream name is not ours', namedLikeOurs: false };
  if (!isValidEventType(event.type)) return { problem: 'its type is not ours', namedLikeOurs: false };
  if (!event.isJson) return { problem: 'it is not JSON', namedLikeOurs: true };
  if (!isRecord(event.data)) return { problem: 'its data is not a JSON object', namedLikeOurs: true };
  const problem = metadataProblem(event.metadata);
  return problem === undefined ? undefined : { problem, namedLikeOurs: true };
}

/**
 * Our envelope for a resolved event, or undefined when there is no event (a link to a deleted
 * one) or it is not ours (see whyNotOurs); `notOurs` hears about the latter and may throw.
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  notOurs: NotOursHandler = () => undefined,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined) return undefined;
  const rejection = whyNotOurs(event);
  if (rejection !== undefined) {
    notOurs({ id: event.id, stream: event.streamId, type: event.type, revision: event.revision, ...rejection });
    return undefined;
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data as unknown,
    // whyNotOurs checked it against our envelope.
    metadata: event.metadata as EventMetadata,
    stream: event.streamId,
    revision: event.revision,
    position: commitPosition(resolved),
  };
}

/**
 * The commit position, which is our global position. Every event an append writes over gRPC is a
 * prepare record flagged as committed, and the server reports such an event with its own log
 * position as both commit and prepare position: unique per event, whatever the batch size.
 * Not so for events written in an explicit transaction (legacy TCP clients only): they share the
 * transaction's commit position, and resuming after it (readAll, subscriptions skip positions at
 * or before a checkpoint) would drop all but the first. Only other applications write those, so
 * nothing of ours is lost; keying skips on (commit, prepare) would be needed if that changed.
 */
export function commitPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (position === undefined || position === NO_POSITION || position < 0n) {
    throw new Error(
      `event ${resolved.event?.id ?? '?'}: the server reported no commit position (EventStoreDB 22.6 or later is required)`,
    );
  }
  return position;
}
