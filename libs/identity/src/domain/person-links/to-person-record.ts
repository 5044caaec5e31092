import type { PersonDetails, PersonName } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { PersonAlias, PersonRecord, RecordedSex } from '../matching';

const SEX: Readonly<Record<string, RecordedSex>> = {
  female: 'female',
  male: 'male',
  other: 'other',
  'not-known': 'unknown',
};

/**
 * A one-word alias is stored as forenames with an empty surname, but the word may be either: a
 * street name ("Tiny") or, as often in domestic-abuse work, a maiden or former surname ("Jones").
 * It is compared both ways, as a forename with the recorded surname and as a surname with the
 * recorded forenames; the stored alias keeps its shape, so events already written read the same.
 */
function asCompared({ forenames, surname }: PersonName): PersonAlias[] {
  return surname === '' ? [{ forenames }, { surname: forenames }] : [{ forenames, surname }];
}

/** A person's details as a referral gave them, in the shape the matcher compares. */
export function toPersonRecord(recordId: string, details: PersonDetails): PersonRecord {
  const ids = details.identifiers;
  return {
    recordId,
    forenames: details.forenames,
    surname: details.surname,
    aliases: details.aliases.flatMap(asCompared),
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
