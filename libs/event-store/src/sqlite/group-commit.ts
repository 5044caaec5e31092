/**
 * Group commit for the embedded store. With synchronous=FULL every commit is an fsync, and
 * better-sqlite3 runs it on the only thread: one command is several appends, so under load the
 * disk's fsync rate, not the CPU, capped how many commands a second the API could answer.
 *
 * Appends asked for while the thread is busy wait in a queue and are written together, in the
 * order asked, in one transaction with one fsync: each in its own savepoint, so one refused
 * append (wrong expected revision, reused event id) leaves the others in. Nobody is answered
 * before the commit that holds their events, so "acknowledged" still means "durable".
 */
export interface Settled<T> {
  readonly value?: T;
  readonly error?: unknown;
}

export class GroupCommit<Request, Result> {
  private queue: { request: Request; resolve: (value: Result) => void; reject: (error: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  /**
   * `commit` writes a whole group in one transaction and settles each request on its own; if it
   * throws, nothing of the group was written and every request in it fails with that error.
   */
  constructor(private readonly commit: (requests: readonly Request[]) => readonly Settled<Result>[]) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      // setImmediate runs after the I/O callbacks of this loop turn: requests that arrived while
      // the last commit held the thread all get here before the group is written.
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Writes what is queued now (also used before the store closes). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
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
