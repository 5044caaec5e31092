/**
 * Group commit for the embedded store. With synchronous=FULL every commit is an fsync, and
 * better-sqlite3 runs it on the only thread: one command is several appends, so under load the
 * disk's fsync rate, not the CPU, capped how many commands a second the API could answer.
 *
 * Appends asked for while the thread is busy wait in a queue and are written together, in the
 * order asked, in one transaction with one fsync: each in its own savepoint, so one refused
 * append (wrong expected revision, reused event id) leaves the others in. Nobody is answered
 * before the commit that holds their events, so "acknowledged" still means "durable".
 *
 * A group is capped: a burst queued in one turn would otherwise become one transaction holding
 * the thread (no request answered meanwhile) and growing the WAL for as long as it takes. What is
 * over the cap waits, in order, for the next turn, when I/O has had its chance.
 */
export interface Settled<T> {
  readonly value?: T;
  readonly error?: unknown;
}

export interface GroupCap<Request> {
  /** Most requests in one group. */
  readonly requests: number;
  /** Most events in one group; a request with more than this on its own is written alone. */
  readonly events: number;
  readonly eventsIn: (request: Request) => number;
}

interface Queued<Request, Result> {
  readonly request: Request;
  readonly resolve: (value: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Request, Result> {
  private queue: Queued<Request, Result>[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  /**
   * `commit` writes a whole group in one transaction and settles each request on its own; if it
   * throws, nothing of the group was written and every request in it fails with that error.
   */
  constructor(
    private readonly commit: (requests: readonly Request[]) => readonly Settled<Result>[],
    private readonly cap: GroupCap<Request>,
  ) {
    // A cap below one would take nothing from the queue, and flush would loop forever.
    for (const field of ['requests', 'events'] as const) {
      const value = cap[field];
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`GroupCap.${field} must be a whole number of at least 1, got ${value}`);
      }
    }
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued now, group after group, without waiting (the store does this before it closes). */
  flush(): void {
    this.unschedule();
    while (this.queue.length > 0) this.write(this.nextGroup());
  }

  private schedule(): void {
    // setImmediate runs after the I/O callbacks of this loop turn: requests that arrived while
    // the last commit held the thread all get here before the group is written.
    this.scheduled ??= setImmediate(() => this.writeOneGroup());
  }

  private unschedule(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  private writeOneGroup(): void {
    this.scheduled = undefined;
    if (this.queue.length === 0) return;
    const group = this.nextGroup();
    if (this.queue.length > 0) this.schedule();
    this.write(group);
  }

  /** Takes the longest run from the head of the queue within the cap (at least one request). */
  private nextGroup(): Queued<Request, Result>[] {
    let taken = 0;
    let events = 0;
    while (taken < this.queue.length && taken < this.cap.requests) {
      events += this.cap.eventsIn((this.queue[taken] as Queued<Request, Result>).request);
      if (taken > 0 && events > this.cap.events) break;
      taken++;
    }
    return this.queue.splice(0, taken);
  }

  private write(group: readonly Queued<Request, Result>[]): void {
    let settled: readonly Settled<Result>[];
    try {
      settled = this.commit(group.map((entry) => entry.request));
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, index) => {
      const outcome = settled[index];
      if (outcome === undefined || 'error' in outcome) entry.reject(outcome?.error);
      else entry.resolve(outcome.value as Result);
    });
  }
}
