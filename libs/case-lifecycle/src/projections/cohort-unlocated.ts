/**
 * IOM: since when the nominal cannot be located, as the domain's state holds it
 * (`IomCaseState.unlocatedSince`): the UK date of the `iom-unlocated-recorded` that opened the run,
 * until an `iom-located-recorded` ends it. Records count in log order, as the state folds them.
 */
import { ukDayOf } from '../domain';

/** One whereabouts record: the run starts (an open one keeps its start) or ends. */
export function unlocatedRun(
  since: string | null,
  type: 'iom-unlocated-recorded' | 'iom-located-recorded',
  occurredAt: string,
): string | null {
  if (type === 'iom-located-recorded') return null;
  return since ?? ukDayOf(occurredAt);
}
