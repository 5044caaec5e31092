import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { PersonRecord, RecordedSex } from '../matching';

const SEX: Readonly<Record<string, RecordedSex>> = {
  female: 'female',
  male: 'male',
  other: 'other',
  'not-known': 'unknown',
};

/** A person's details as a referral gave them, in the shape the matcher compares. */
export function toPersonRecord(recordId: string, details: PersonDetails): PersonRecord {
  const ids = details.identifiers;
  return {
    recordId,
    forenames: details.forenames,
    surname: details.surname,
    aliases: details.aliases.map((alias) => ({ forenames: alias.forenames, surname: alias.surname })),
    ...(details.dateOfBirth === undefined ? {} : { dateOfBirth: details.dateOfBirth }),
    ...(details.sex === undefined ? {} : { sex: SEX[details.sex] ?? 'unknown' }),
    ...(details.postcode === undefined ? {} : { postcode: details.postcode }),
    ...(details.address === undefined ? {} : { address: details.address }),
    identifiers: {
      ...(ids.pnc === undefined ? {} : { pnc: ids.pnc }),
      ...(ids.cro === undefined ? {} : { cro: ids.cro }),
      ...(ids.nhs === undefined ? {} : { nhsNumber: ids.nhs }),
      ...(ids.noms === undefined ? {} : { noms: ids.noms }),
      ...(ids.crn === undefined ? {} : { crn: ids.crn }),
    },
  };
}
