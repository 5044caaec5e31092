import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { applyShare } from './batch-share';
import type { CheckpointTable } from './checkpoint-table';
import { reportedFailure, type ProjectionInstance } from './projection-instance';

/** Another writer (a second process, a rebuild) moved a checkpoint since this runtime read it. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
}

export interface BatchResult {
  /**
   * Versions whose `apply` threw, with the error naming the event: their share of the batch was
   * committed up to the event before it (their checkpoint stops there), the others' whole.
   */
  readonly failed: ReadonlyMap<ProjectionInstance, unknown>;
  /** Versions whose share threw as a whole but applied one event at a time, with that error. */
  readonly recovered: ReadonlyMap<ProjectionInstance, unknown>;
}

interface Committed {
  readonly failed: Map<ProjectionInstance, unknown>;
  readonly recovered: Map<ProjectionInstance, unknown>;
  /** Where each failed version's checkpoint now stands, when it moved. */
  readonly stoppedAt: Map<ProjectionInstance, bigint>;
}

/**
 * Applies one page of the log to a group of versions that share a checkpoint, in ONE SQLite
 * transaction that also moves their checkpoints. A crash before COMMIT loses the whole batch
 * (and it is re-read from the old checkpoint); a crash after it loses nothing. So every event is
 * applied exactly once, whatever moment the process dies.
 *
 * Each version's share runs in its own savepoint, so one failing projection neither blocks nor
 * undoes the others; a share that fails keeps its events up to the one that failed (batch-share.ts).
 */
export class BatchApplier {
  private readonly commit: (
    group: readonly ProjectionInstance[],
    events: readonly RecordedEvent[],
    states: readonly string[],
    now: string,
  ) => Committed;

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
        const committed: Committed = { failed: new Map(), recovered: new Map(), stoppedAt: new Map() };
        group.forEach((instance, index) => {
          const outcome = applyShare(instance, events, applyOne);
          if (!outcome.applied) {
            committed.failed.set(instance, outcome.error);
            // The row is what /ready shows after a restart: the log has the error in full.
            const message = reportedFailure(outcome.error);
            if (outcome.through !== undefined) {
              checkpoints.advance(instance.name, instance.version, outcome.through.position, 'failed', now);
              committed.stoppedAt.set(instance, outcome.through.position);
            }
            checkpoints.setState(instance.name, instance.version, 'failed', message, now);
            return;
          }
          if (outcome.recovered !== undefined) committed.recovered.set(instance, outcome.recovered);
          const state = states[index] ?? instance.persistedState;
          if (last !== undefined) checkpoints.advance(instance.name, instance.version, last.position, state, now);
          else if (state !== instance.persistedState || instance.failure !== undefined) {
            checkpoints.setState(instance.name, instance.version, state, null, now);
          }
        });
        return committed;
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
    const { failed, recovered, stoppedAt } = this.commit(group, events, states, now);
    const last = events[events.length - 1];
    group.forEach((instance, index) => {
      if (failed.has(instance)) {
        instance.checkpoint = stoppedAt.get(instance) ?? instance.checkpoint;
        return;
      }
      if (last !== undefined) instance.checkpoint = last.position;
      instance.persistedState = states[index] ?? instance.persistedState;
    });
    return { failed, recovered };
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
