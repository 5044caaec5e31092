import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { ProjectionApplyError, type ProjectionInstance } from './projection-instance';

/** What one version's share of a batch came to, inside the batch's transaction. */
export type ShareOutcome =
  | {
      readonly applied: true;
      /** The error of the whole share, which applying it one event at a time got past. */
      readonly recovered?: unknown;
    }
  | {
      readonly applied: false;
      /** Names the event that failed. */
      readonly error: unknown;
      /** The last event of the batch kept before it; none when nothing before it could be kept. */
      readonly through?: RecordedEvent;
    };

/** Applies events to one version inside a savepoint: on a throw, its writes are rolled back and it rethrows. */
export type Savepoint = (instance: ProjectionInstance, events: readonly RecordedEvent[]) => void;

/**
 * Applies `instance`'s share of `events` in one savepoint, the fast path. If that throws, the
 * share is applied again up to the event that fails, so that event is the one named, the events
 * before it are kept (the checkpoint then stops just before it), and a retry does not re-apply and
 * roll back the whole batch again. All of it runs in the batch's transaction, which also moves
 * the checkpoint: a crash still keeps both or neither.
 */
export function applyShare(
  instance: ProjectionInstance,
  events: readonly RecordedEvent[],
  savepoint: Savepoint,
): ShareOutcome {
  try {
    savepoint(instance, events);
    return { applied: true };
  } catch (error) {
    // `apply` names its event already: what precedes it goes back in one savepoint.
    if (error instanceof ProjectionApplyError && error.exact) {
      const before = events.filter((event) => event.position < error.event.position);
      try {
        savepoint(instance, before);
        return failedAfter(error, before[before.length - 1]);
      } catch {
        // Not deterministic after all: find the event one at a time.
      }
    }
    return oneAtATime(instance, events, savepoint, error);
  }
}

/** `applyBatch` cannot say which event failed: each is applied (as a batch of one) in its own savepoint. */
function oneAtATime(
  instance: ProjectionInstance,
  events: readonly RecordedEvent[],
  savepoint: Savepoint,
  shareError: unknown,
): ShareOutcome {
  let through: RecordedEvent | undefined;
  for (const event of events) {
    if (instance.wants(event)) {
      try {
        savepoint(instance, [event]);
      } catch (error) {
        return failedAfter(error, through);
      }
    }
    through = event;
  }
  return { applied: true, recovered: shareError };
}

function failedAfter(error: unknown, through: RecordedEvent | undefined): ShareOutcome {
  return through === undefined ? { applied: false, error } : { applied: false, error, through };
}
