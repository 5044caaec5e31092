import type { EventStore } from '../../../../../event-store/src/port/event-store';
import { MatchingPersonResolver } from '../matching-person-resolver';
import type { ReferredPerson } from '../person-resolver';
import { freshContext } from './fresh-context';
import { stallingOnce } from './store-faults';

/**
 * A referral of `person` resolved by a resolver held at its append to `stream` while `change`
 * (a merge or restore begun and recorded) runs to the end: it scored before the change, so what
 * it answers shows whether it scored again on what the log holds after it.
 */
export async function resolvedAcrossChange(
  store: EventStore,
  stream: string,
  person: ReferredPerson,
  clock: { now: () => number },
  change: () => Promise<void>,
) {
  const stalling = stallingOnce(store, (appendedTo) => appendedTo === stream);
  const resolving = new MatchingPersonResolver(stalling.store, clock).resolve(person, freshContext());
  await stalling.held;
  await change();
  stalling.release();
  return resolving;
}
