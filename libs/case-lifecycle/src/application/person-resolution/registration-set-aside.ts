import type { CommandContext } from '../../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import { EventIdConflictError, WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { personStream } from '../../domain/stream-names';

/**
 * Written to `person-<id>` of a person whose key claim is being taken over, before anything else
 * the taker-over writes. It is appended only if that person was never registered, and a
 * registration is appended only if the stream is empty, so of the claimant and the taker-over
 * exactly one can win, whatever their clocks say and however long the claimant stalled. The
 * person decider ignores it: the stream never holds a person.
 */
export const REGISTRATION_SET_ASIDE = 'person-registration-set-aside';

/**
 * Sets aside the registration of a person whose claim looks abandoned. `registered` when the
 * claimant registered after all (its claim was not abandoned: match again and join that person);
 * `set-aside` when the person can no longer be registered, by this call or an earlier one.
 * `context`: the step's own, its event ids not used by any other append of the resolution.
 */
export async function setAsideRegistration(
  store: EventStore,
  personId: string,
  context: CommandContext,
): Promise<'set-aside' | 'registered'> {
  const stream = personStream(personId);
  try {
    await store.append(stream, toEventsToAppend([{ type: REGISTRATION_SET_ASIDE, data: { personId } }], context), {
      expected: 'no-stream',
    });
    return 'set-aside';
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)) throw error;
    const events = await store.readStream(stream);
    return events.some((event) => event.type === 'person-registered') ? 'registered' : 'set-aside';
  }
}
