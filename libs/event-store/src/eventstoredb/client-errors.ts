import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  AccessDeniedError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  UnsupportedError,
} from '@eventstore/db-client';
import { AppendTooLargeError, EventStoreUnavailableError } from '../port/errors';

/**
 * gRPC status codes of failures that may pass: CANCELLED (1), RESOURCE_EXHAUSTED (8: the server or
 * a proxy shedding load), DEADLINE_EXCEEDED (4), INTERNAL (13: e.g. a stream reset by a proxy or a
 * restarting node), UNAVAILABLE (14). The client has no class of its own for 8 and 13 and hands
 * them over as UnknownError carrying the code; some paths (connecting, feature discovery) reject
 * with the raw gRPC error instead. Either way a call ended so has an unknown outcome, like one that
 * timed out, and is reported as unavailable. An UnknownError without such a code (the server
 * naming a failure of its own) and our own errors, which carry no numeric code, pass through.
 */
const TRANSIENT_GRPC_CODES: ReadonlySet<unknown> = new Set([1, 4, 8, 13, 14]);

/** The server could not be reached or did not answer in time: the request may or may not have taken effect. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    (error instanceof Error && 'code' in error && TRANSIENT_GRPC_CODES.has(error.code))
  );
}

/** Errors retrying cannot fix: a subscription stops on these instead of reconnecting. */
export function isPermanent(error: unknown): boolean {
  return (
    error instanceof AccessDeniedError || error instanceof InvalidArgumentError || error instanceof UnsupportedError
  );
}

export function isMissingStream(error: unknown): boolean {
  return error instanceof StreamNotFoundError || error instanceof StreamDeletedError;
}

/** Reports transport trouble as the port's EventStoreUnavailableError; everything else passes through. */
export function translateClientError(error: unknown, operation: string): unknown {
  if (!isTransient(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  // An append that timed out may still have been written: re-sending the same ids is safe.
  const advice = operation === 'append' ? '; the outcome is unknown, retry with the same event ids' : '';
  return new EventStoreUnavailableError(`EventStoreDB ${operation} failed: ${detail}${advice}`, { cause: error });
}

/**
 * A failed append as the port reports it. A server configured with a MaxAppendSize below ours
 * refuses appends we let through: that refusal is as permanent as ours, never "unavailable".
 */
export function translateAppendError(error: unknown, stream: string, size: number): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(stream, size, error.maxAppendSize, { cause: error });
  }
  return translateClientError(error, 'append');
}
