import type { EventStore } from './event-store';

/**
 * Positions a caller kept from a log (projection checkpoints, audit seals), with the identity of
 * the log it recorded beside them (see EventStore.logIdentity).
 */
export interface KeptPositions<T extends { readonly position: bigint }> {
  /** The log's identity as recorded, read once the log's is known; undefined for positions kept before one was. */
  recorded(): string | undefined;
  /** Read only once the identities agree; the log's head is read only when there are some. */
  positions(): readonly T[];
  /** Records `identity` as the log's, where none was. */
  adopt(identity: string): void;
}

/** Whether kept positions can be followed in a log: each caller words the refusal for its own reader. */
export type LogOfPositions<T> =
  | { readonly verdict: 'same-log'; readonly identity: string | undefined }
  | { readonly verdict: 'another-log'; readonly recorded: string; readonly identity: string }
  | { readonly verdict: 'ahead-of-head'; readonly head: bigint; readonly ahead: readonly [T, ...T[]] };

/**
 * Positions are places in one log and mean nothing in another: followed in another log (EVENT_STORE
 * switched, a new EventStoreDB cluster, the log restored from a backup older than the positions)
 * they skip every event up to them, or wait for ever at a position the server refuses, saying
 * nothing. So a recorded identity that differs from the log's, or a position past the log's head,
 * is answered instead. Positions kept before identities were recorded adopt the log they are
 * checked against, once, if none is ahead of it; a store naming no log, or an empty log (no
 * identity before its first event), adopts nothing.
 */
export async function checkPositionsInLog<T extends { readonly position: bigint }>(
  store: EventStore,
  kept: KeptPositions<T>,
): Promise<LogOfPositions<T>> {
  const identity = await store.logIdentity?.();
  const recorded = kept.recorded();
  if (recorded !== undefined && identity !== undefined && recorded !== identity) {
    return { verdict: 'another-log', recorded, identity };
  }
  const positions = kept.positions();
  if (positions.length > 0) {
    const head = await store.headPosition();
    const [first, ...rest] = positions.filter(({ position }) => position > head);
    if (first !== undefined) return { verdict: 'ahead-of-head', head, ahead: [first, ...rest] };
  }
  if (recorded === undefined && identity !== undefined) kept.adopt(identity);
  return { verdict: 'same-log', identity };
}
