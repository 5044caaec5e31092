import type { PersonDetails, PersonName, Sex } from '../../domain/events/person-events';
import type { ReferredPerson } from './person-resolver';

/** "JJ Okafor" → forenames "JJ", surname "Okafor": aliases arrive as full names. */
export function splitFullName(fullName: string): PersonName {
  const parts = fullName.trim().split(/\s+/);
  const surname = parts.pop() ?? '';
  return { forenames: parts.join(' '), surname };
}

/** Optional fields may arrive as null (JSON has no undefined): null means not given. */
export function toPersonDetails(person: ReferredPerson): PersonDetails {
  const ids = person.identifiers ?? {};
  return {
    forenames: person.forenames.trim(),
    surname: person.surname.trim(),
    aliases: (person.aliases ?? []).map(splitFullName),
    dateOfBirth: person.dateOfBirth,
    ...(person.sex == null ? {} : { sex: person.sex as Sex }),
    ...(person.ethnicity == null ? {} : { ethnicity: person.ethnicity }),
    ...(person.postcode == null ? {} : { postcode: person.postcode.trim().toUpperCase() }),
    ...(person.address == null ? {} : { address: person.address }),
    identifiers: {
      ...(ids.pnc == null ? {} : { pnc: ids.pnc }),
      ...(ids.cro == null ? {} : { cro: ids.cro }),
      ...(ids.nhsNumber == null ? {} : { nhs: ids.nhsNumber }),
      ...(ids.noms == null ? {} : { noms: ids.noms }),
      ...(ids.crn == null ? {} : { crn: ids.crn }),
    },
  };
}

export function toReferredPerson(details: PersonDetails): ReferredPerson {
  const ids = details.identifiers;
  return {
    forenames: details.forenames,
    surname: details.surname,
    dateOfBirth: details.dateOfBirth ?? '',
    identifiers: {
      ...(ids.pnc == null ? {} : { pnc: ids.pnc }),
      ...(ids.cro == null ? {} : { cro: ids.cro }),
      ...(ids.nhs == null ? {} : { nhsNumber: ids.nhs }),
      ...(ids.noms == null ? {} : { noms: ids.noms }),
      ...(ids.crn == null ? {} : { crn: ids.crn }),
    },
  };
}
