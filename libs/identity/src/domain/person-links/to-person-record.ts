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
    // A one-word alias has no surname of its own: the matcher pairs it with the recorded one.
    aliases: details.aliases.map(({ forenames, surname }) => (surname === '' ? { forenames } : { forenames, surname })),
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
