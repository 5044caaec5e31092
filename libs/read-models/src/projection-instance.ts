import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { VersionedProjectionDatabase } from './projection-database';
import { eventFilter, everything, type ProjectionDefinition } from './projection-definition';
import type { ProjectionState } from './projection-state';
import { reportedCause } from './reported-cause';

export interface ProjectionFailure {
  /**
   * As `/ready` (no login) shows it: `reportedFailure`, never the event's stream or id. The service
   * log has the error in full, written when it happened.
   */
  readonly message: string;
  readonly attempts: number;
  /** Epoch ms before which the runtime leaves this version alone. */
  readonly retryAt: number;
}

/** An error thrown by a projection's `apply`, with the event it choked on. */
export class ProjectionApplyError extends Error {
  override readonly name = 'ProjectionApplyError';
  constructor(
    readonly projection: string,
    readonly version: number,
    readonly event: RecordedEvent,
    cause: unknown,
    /** Events in the failed `applyBatch` call, which started at `event`; 1 when `event` is the one that failed. */
    readonly batchEvents = 1,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const at = event.position.toString();
    super(
      batchEvents === 1
        ? `projection ${projection} v${version} failed on event ${event.type} (id ${event.id}) in stream ${event.stream} ` +
            `at position ${at}: ${reason}`
        : `projection ${projection} v${version} failed on a batch of ${batchEvents} events from position ${at}: ${reason}`,
      { cause },
    );
    const failed =
      batchEvents === 1
        ? `projection ${projection} v${version} failed on event ${event.type} at position ${at}`
        : `projection ${projection} v${version} failed on a batch of ${batchEvents} events from position ${at}`;
    this.summary = `${failed}: ${reportedCause(cause)}; the service log names the event's stream and id`;
  }

  /**
   * The failure without the event's stream and id, which carry person and case ids, nor the
   * cause's text unless it is the storage's: what `/ready` shows (see `reportedCause`).
   */
  readonly summary: string;

  /** Whether `event` is the event that failed, not just the first of a batch that did. */
  get exact(): boolean {
    return this.batchEvents === 1;
  }
}

/** A failure as `/ready` may show it: `ProjectionApplyError.summary`, or `reportedCause`. */
export function reportedFailure(error: unknown): string {
  return error instanceof ProjectionApplyError ? error.summary : reportedCause(error);
}

/**
 * The runtime's in-memory view of one projection version. The database row is the truth; this
 * mirrors it after every commit so progress and lag can be answered without a query.
 */
export class ProjectionInstance {
  /** Set when the last read from the checkpoint came back short: nothing more was in the log. */
  caughtUp = false;
  failure: ProjectionFailure | undefined;
  /** Replaced by a reload or a switch-over; the loop skips retired instances. */
  retired = false;
  /** Set once the definition's `indexes` have been created (or there are none) in this process. */
  indexed: boolean;
  /** Events this process has read from the log for this version and committed: what a rebuild replayed. */
  eventsRead = 0;
  /** The state last written to `projection_checkpoints`, to avoid rewriting an unchanged row. */
  persistedState: string;
  readonly db: VersionedProjectionDatabase;
  private readonly matches: (event: RecordedEvent) => boolean;

  constructor(
    connection: Database.Database,
    readonly name: string,
    readonly version: number,
    /**
     * Undefined when this process cannot move this version: it is still active but no longer
     * registered, or a newer release sharing the file set it up (active or rebuilding).
     */
    readonly definition: ProjectionDefinition | undefined,
    public checkpoint: bigint,
    public active: boolean,
    persistedState: string,
  ) {
    this.db = new VersionedProjectionDatabase(connection, name, version);
    this.matches = definition === undefined ? () => false : eventFilter(definition);
    this.persistedState = persistedState;
    this.indexed = definition?.indexes === undefined;
  }

  get state(): ProjectionState {
    // Not moved here; inactive, it can only be a newer release's background rebuild.
    if (this.definition === undefined) return this.active ? 'frozen' : 'rebuilding';
    if (this.failure !== undefined) return 'failed';
    if (!this.active) return 'rebuilding';
    return this.caughtUp ? 'live' : 'catching-up';
  }

  /** Whether the loop should project into this version now. */
  isDue(now: number): boolean {
    return (
      !this.retired && this.definition !== undefined && (this.failure === undefined || this.failure.retryAt <= now)
    );
  }

  /** Applies the events after this version's checkpoint that pass its filter. Caller owns the transaction. */
  applyEvents(events: readonly RecordedEvent[]): void {
    const definition = this.definition;
    if (definition === undefined) return;
    if (definition.applyBatch !== undefined) {
      this.applyAsBatch(definition, events);
      return;
    }
    for (const event of this.wanted(events)) {
      try {
        definition.apply(this.db, event);
      } catch (error) {
        throw new ProjectionApplyError(this.name, this.version, event, error);
      }
    }
  }

  /** Whether `event` is one `applyEvents` would hand this version: after its checkpoint and through its filter. */
  wants(event: RecordedEvent): boolean {
    return event.position > this.checkpoint && this.matches(event);
  }

  /**
   * The events `wants` passes, for `events` in log order (a page, or part of one). Every version
   * sifts every event of a rebuild: comparing each position (a bigint) with the checkpoint, and
   * copying the page for a version without a filter, showed up among a rebuild's costs. A page is
   * read from the checkpoint, so the events at or before it can only be a leading run.
   */
  private wanted(events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    let first = 0;
    while (first < events.length && (events[first] as RecordedEvent).position <= this.checkpoint) first++;
    if (this.matches === everything) return first === 0 ? events : events.slice(first);
    const wanted: RecordedEvent[] = [];
    for (let i = first; i < events.length; i++) {
      const event = events[i] as RecordedEvent;
      if (this.matches(event)) wanted.push(event);
    }
    return wanted;
  }

  private applyAsBatch(definition: ProjectionDefinition, events: readonly RecordedEvent[]): void {
    const wanted = this.wanted(events);
    const first = wanted[0];
    if (first === undefined) return;
    try {
      definition.applyBatch?.(this.db, wanted);
    } catch (error) {
      // Which event it choked on is unknown here: the batch applier finds it, one event at a time.
      throw new ProjectionApplyError(this.name, this.version, first, error, wanted.length);
    }
  }
}
