import type { PersonDetails, PersonName, Sex } from '../../domain/events/person-events';
import type { ReferredPerson } from './person-resolver';

/**
 * An alias as the form gives it, in parts: "JJ Okafor" → forenames "JJ", surname "Okafor". One
 * word ("Tiny", a street name, or "Jones", a maiden name) is kept as forenames "Tiny", surname "";
 * the matcher reads it both as a forename and as a surname.
 */
export function splitAlias(alias: string): PersonName {
  const parts = alias.trim().split(/\s+/);
  if (parts.length === 1) return { forenames: parts[0] ?? '', surname: '' };
  const surname = parts.pop() ?? '';
  return { forenames: parts.join(' '), surname };
}

/** Optional fields may arrive as null (JSON has no undefined): null means not given. */
export function toPersonDetails(person: ReferredPerson): PersonDetails {
  const ids = person.identifiers ?? {};
  return {
    forenames: person.forenames.trim(),
    surname: person.surname.trim(),
    aliases: (person.aliases ?? []).map(splitAlias),
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
