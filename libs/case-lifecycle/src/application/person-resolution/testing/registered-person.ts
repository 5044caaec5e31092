import { handleCommand } from '../../../../../command-handling/src/handle-command';
import type { EventStore } from '../../../../../event-store/src/port/event-store';
import { personDecider } from '../../../domain';
import { personStream } from '../../../domain/stream-names';
import { toPersonDetails } from '../person-details';
import type { ReferredPerson } from '../person-resolver';
import { freshContext } from './fresh-context';

/** A person registered straight into the log, as a referral in another process would; their id. */
export const registeredPerson = async (store: EventStore, personId: string, person: ReferredPerson) => {
  const data = { personId, details: toPersonDetails(person), occurredAt: '2024-01-01T00:00:00Z' };
  await handleCommand(store, personStream(personId), personDecider, { type: 'register-person', data }, freshContext());
  return personId;
};
