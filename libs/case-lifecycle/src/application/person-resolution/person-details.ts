import type { PersonDetails, PersonName, Sex } from '../../domain/events/person-events';
import type { ReferredPerson } from './person-resolver';

/** "JJ Okafor" → forenames "JJ", surname "Okafor": aliases arrive as full names. */
export function splitFullName(fullName: string): PersonName {
  const parts = fullName.trim().split(/\s+/);
  const surname = parts.pop() ?? '';
  return { forenames: parts.join(' '), surname };
}

export function toPersonDetails(person: ReferredPerson): PersonDetails {
  const ids = person.identifiers ?? {};
  return {
    forenames: person.forenames.trim(),
    surname: person.surname.trim(),
    aliases: (person.aliases ?? []).map(splitFullName),
    dateOfBirth: person.dateOfBirth,
    ...(person.sex === undefined ? {} : { sex: person.sex as Sex }),
    ...(person.ethnicity === undefined ? {} : { ethnicity: person.ethnicity }),
    ...(person.postcode === undefined ? {} : { postcode: person.postcode.trim().toUpperCase() }),
    ...(person.address === undefined ? {} : { address: person.address }),
    identifiers: {
      ...(ids.pnc === undefined ? {} : { pnc: ids.pnc }),
      ...(ids.cro === undefined ? {} : { cro: ids.cro }),
      ...(ids.nhsNumber === undefined ? {} : { nhs: ids.nhsNumber }),
      ...(ids.noms === undefined ? {} : { noms: ids.noms }),
      ...(ids.crn === undefined ? {} : { crn: ids.crn }),
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
      ...(ids.pnc === undefined ? {} : { pnc: ids.pnc }),
      ...(ids.cro === undefined ? {} : { cro: ids.cro }),
      ...(ids.nhs === undefined ? {} : { nhsNumber: ids.nhs }),
      ...(ids.noms === undefined ? {} : { noms: ids.noms }),
      ...(ids.crn === undefined ? {} : { crn: ids.crn }),
    },
  };
}
