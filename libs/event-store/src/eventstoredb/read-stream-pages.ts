import { BACKWARDS, END, FORWARDS, START, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { armReadDeadline } from './read-deadline';

/** Events per readStream call: small enough to finish well within a deadline. */
export const STREAM_PAGE = 4_096;

export interface StreamPagesRequest {
  readonly direction: 'forwards' | 'backwards';
  /** The first revision to read (inclusive); the stream's start or end when undefined. */
  readonly from?: bigint;
  /** How many events to read at most, ours or not; all of them when undefined. */
  readonly maxCount?: number;
  /** Read from the leader, which has every acknowledged write. */
  readonly requiresLeader?: boolean;
  /** The operation named when a page runs out of time. */
  readonly operation: string;
  readonly pageSize?: number;
}

/**
 * The events of one stream in order, read in calls of at most `pageSize`, each under its own
 * deadline, each continuing after the last revision the one before handed over: a stream of any
 * length is read, however long all of it takes, as readAll reads $all. Stopping the iteration early
 * cancels the call in flight. A missing stream fails as the client fails it (StreamNotFoundError).
 */
export async function* readStreamPages(
  client: Pick<EventStoreDBClient, 'readStream'>,
  stream: string,
  request: StreamPagesRequest,
  deadlineMs: number,
): AsyncGenerator<ResolvedEvent, void, undefined> {
  const backwards = request.direction === 'backwards';
  const pageSize = request.pageSize ?? STREAM_PAGE;
  let left = request.maxCount ?? Number.POSITIVE_INFINITY;
  let from = request.from;
  while (left > 0) {
    const asked = Math.min(left, pageSize);
    const read = client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from ?? (backwards ? END : START),
      maxCount: asked,
      ...(request.requiresLeader === true ? { requiresLeader: true } : {}),
    });
    const deadline = armReadDeadline(read, deadlineMs, request.operation);
    let received = 0;
    let last: bigint | undefined;
    try {
      for await (const resolved of read) {
        received++;
        last = revisionOf(resolved);
        yield resolved;
      }
    } finally {
      await deadline.end().catch(() => undefined);
    }
    left -= received;
    // A short page is the stream's end (or start), as is revision 0 read backwards.
    if (received < asked || last === undefined || (backwards && last === 0n)) return;
    from = backwards ? last - 1n : last + 1n;
  }
}

/** The revision of the record read: the event's, or the link's when the read resolved one. */
function revisionOf(resolved: ResolvedEvent): bigint {
  const revision = (resolved.link ?? resolved.event)?.revision;
  if (revision === undefined) throw new Error('the server sent a stream record without a revision');
  return revision;
}
