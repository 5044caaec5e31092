/** Commands on a `person-<id>` stream. */
import type { IdentifierField, PersonDetails } from '../events/person-events';
import type { Command } from './command';

export type RegisterPerson = Command<
  'register-person',
  { readonly personId: string; readonly details: PersonDetails; readonly occurredAt: string }
>;

export type RecordPersonDetails = Command<
  'record-person-details',
  {
    readonly personId: string;
    readonly changes: Partial<PersonDetails>;
    readonly identifiersRemoved?: readonly IdentifierField[];
    readonly reason?: string;
    readonly source?: string;
    readonly namedOn?: string;
    readonly occurredAt: string;
  }
>;

export type PersonCommand = RegisterPerson | RecordPersonDetails;
export type PersonCommandType = PersonCommand['type'];
