import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { CheckpointTable } from './checkpoint-table';
import type { ProjectionInstance } from './projection-instance';

/** Another writer (a second process, a rebuild) moved a checkpoint since this runtime read it. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
}

export interface BatchResult {
  /** Versions whose `apply` threw; their part of the batch was rolled back, the others' committed. */
  readonly failed: ReadonlyMap<ProjectionInstance, unknown>;
}

/**
 * Applies one page of the log to a group of versions that share a checkpoint, in ONE SQLite
 * transaction that also moves their checkpoints. A crash before COMMIT loses the whole batch
 * (and it is re-read from the old checkpoint); a crash after it loses nothing. So every event is
 * applied exactly once, whatever moment the process dies.
 *
 * Each version's share runs in its own savepoint, so one failing projection neither blocks nor
 * undoes the others.
 */
export class BatchApplier {
  private readonly commit: (
    group: readonly ProjectionInstance[],
    events: readonly RecordedEvent[],
    states: readonly string[],
    now: string,
  ) => Map<ProjectionInstance, unknown>;

  constructor(
    db: Database.Database,
    private readonly checkpoints: CheckpointTable,
  ) {
    // A transaction function called inside another runs as a SAVEPOINT.
    const applyOne = db.transaction((instance: ProjectionInstance, events: readonly RecordedEvent[]) =>
      instance.applyEvents(events),
    );
    const batch = db.transaction(
      (
        group: readonly ProjectionInstance[],
        events: readonly RecordedEvent[],
        states: readonly string[],
        now: string,
      ) => {
        this.checkUnmoved(group);
        const last = events[events.length - 1];
        const failed = new Map<ProjectionInstance, unknown>();
        group.forEach((instance, index) => {
          try {
            applyOne(instance, events);
          } catch (error) {
            failed.set(instance, error);
            const message = error instanceof Error ? error.message : String(error);
            checkpoints.setState(instance.name, instance.version, 'failed', message, now);
            return;
          }
          const state = states[index] ?? instance.persistedState;
          if (last !== undefined) checkpoints.advance(instance.name, instance.version, last.position, state, now);
          else if (state !== instance.persistedState || instance.failure !== undefined) {
            checkpoints.setState(instance.name, instance.version, state, null, now);
          }
        });
        return failed;
      },
    );
    // IMMEDIATE takes the write lock before the checkpoint check, so the check and the commit
    // see the same database even with another process writing.
    this.commit = (...args) => batch.immediate(...args);
  }

  /**
   * Commits `events` (a page read from the group's shared checkpoint) and updates the
   * in-memory checkpoints to match. `states` are the states to record for successful versions.
   */
  apply(
    group: readonly ProjectionInstance[],
    events: readonly RecordedEvent[],
    states: readonly string[],
    now: string,
  ): BatchResult {
    const failed = this.commit(group, events, states, now);
    const last = events[events.length - 1];
    group.forEach((instance, index) => {
      if (failed.has(instance)) return;
      if (last !== undefined) instance.checkpoint = last.position;
      instance.persistedState = states[index] ?? instance.persistedState;
    });
    return { failed };
  }

  private checkUnmoved(group: readonly ProjectionInstance[]): void {
    for (const instance of group) {
      const stored = this.checkpoints.position(instance.name, instance.version);
      if (stored !== instance.checkpoint) {
        throw new CheckpointMovedError(
          `checkpoint of ${instance.name} v${instance.version} is ${stored?.toString() ?? 'gone'}, expected ${instance.checkpoint.toString()}`,
        );
      }
    }
  }
}
