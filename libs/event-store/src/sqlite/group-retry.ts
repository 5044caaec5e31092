import { EventStoreUnavailableError } from '../port/errors';
import type { Settled } from './group-commit';
import { mayConcernOneAppend, translateSqliteError } from './sqlite-errors';

/** SQLite rolled a group's transaction back on its own, in the middle of one request. */
export class GroupAbandoned extends EventStoreUnavailableError {
  constructor(cause: unknown) {
    super('the event database abandoned a group of appends; retry', { cause });
  }
}

/** A group's transaction failed (and was rolled back whole) while writing the request at `index`. */
export class GroupFailedAt extends Error {
  constructor(
    readonly index: number,
    readonly failure: unknown,
  ) {
    super(`group failed at request ${index}`, { cause: failure });
  }
}

export interface GroupWriter<Request, Result> {
  /** One transaction for all; throws GroupFailedAt when it knows which request failed it. */
  readonly group: (requests: readonly Request[]) => Settled<Result>[];
  /** One request in its own transaction; throws only on storage failure. */
  readonly alone: (request: Request) => Settled<Result>;
}

/**
 * A failure one request can cause alone (it fills the disk, or SQLite gives up on it) says nothing
 * about its neighbours: they are worth another try, the rest is not.
 */
function mayRetryAround(failure: unknown): boolean {
  return failure instanceof GroupAbandoned || mayConcernOneAppend(failure);
}

/**
 * Writes a group; when it fails for a reason one request can cause alone, writes it again around
 * that request: those before it as one group, it alone, those after it as a group again (which may
 * fail at the next such request). Each commit is an fsync holding the thread, so one offender
 * costs about three commits, not one per neighbour. Only when no request can be blamed (the
 * commit itself failed) is each written alone. Once the file itself fails (busy, I/O error), the
 * requests not yet written get that error without being tried: each try would only wait again.
 * Throws, having written nothing, when the first attempt meets such a failure.
 */
export function writeGroup<Request, Result>(
  writer: GroupWriter<Request, Result>,
  requests: readonly Request[],
): Settled<Result>[] {
  const first = attempt(writer, requests);
  if ('settled' in first) return first.settled;
  if (!mayRetryAround(first.failure)) throw first.failure;
  return new Retry(writer).around(requests, first.index);
}

type Attempt<Result> =
  | { readonly settled: Settled<Result>[] }
  | { readonly failure: unknown; readonly index: number | undefined };

function attempt<Request, Result>(writer: GroupWriter<Request, Result>, requests: readonly Request[]): Attempt<Result> {
  try {
    return { settled: writer.group(requests) };
  } catch (error) {
    if (error instanceof GroupFailedAt) return { failure: error.failure, index: error.index };
    return { failure: error, index: undefined };
  }
}

class Retry<Request, Result> {
  private readonly settled: Settled<Result>[] = [];
  private unavailable: unknown;

  constructor(private readonly writer: GroupWriter<Request, Result>) {}

  around(requests: readonly Request[], index: number | undefined): Settled<Result>[] {
    this.split(requests, index);
    return this.settled;
  }

  private split(requests: readonly Request[], index: number | undefined): void {
    if (index === undefined) {
      for (const request of requests) this.alone(request);
      return;
    }
    this.group(requests.slice(0, index));
    this.alone(requests[index] as Request);
    this.group(requests.slice(index + 1));
  }

  private group(requests: readonly Request[]): void {
    if (requests.length === 0) return;
    if (requests.length === 1 || this.unavailable !== undefined) {
      for (const request of requests) this.alone(request);
      return;
    }
    const tried = attempt(this.writer, requests);
    if ('settled' in tried) this.settled.push(...tried.settled);
    else if (mayRetryAround(tried.failure)) this.split(requests, tried.index);
    else this.giveUp(requests, tried.failure);
  }

  private alone(request: Request): void {
    if (this.unavailable !== undefined) {
      this.settled.push({ error: this.unavailable });
      return;
    }
    try {
      this.settled.push(this.writer.alone(request));
    } catch (error) {
      if (mayConcernOneAppend(error)) this.settled.push({ error: translateSqliteError(error) });
      else this.giveUp([request], error);
    }
  }

  private giveUp(requests: readonly Request[], failure: unknown): void {
    this.unavailable = translateSqliteError(failure);
    for (const request of requests) this.alone(request);
  }
}
