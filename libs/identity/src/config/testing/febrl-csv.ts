import type { PersonRecord } from '../../domain/matching/person-record';
import { generateSyntheticPeople } from '../../testing/synthetic-people';

const FEBRL_HEADER = 'rec_id,given_name,surname,street_number,address_1,postcode,date_of_birth';

/** Records in the FEBRL columns `matching:fit` reads, one row each. */
export function febrlRows(records: readonly PersonRecord[]): string {
  const cell = (value: string | undefined): string => (value ?? '').replace(/[,"]/g, ' ');
  const rows = records.map((record, index) =>
    [
      `rec-${index}`,
      cell(record.forenames),
      cell(record.surname),
      '',
      cell(record.address),
      cell(record.postcode),
      (record.dateOfBirth ?? '').replace(/-/g, ''),
    ].join(','),
  );
  return [FEBRL_HEADER, ...rows].join('\n');
}

/** Synthetic referral records (people recorded more than once among them) in the FEBRL columns. */
export const febrlCsv = (records: number, seed = 'fit-round-trip'): string =>
  febrlRows(generateSyntheticPeople({ seed, records }).map(({ record }) => record));
