/**
 * Loads the FEBRL benchmark files (see ../shared/data/febrl/README.md) as labelled person
 * records. Column mapping onto PersonRecord:
 * - given_name -> forenames, surname -> surname (blank stays blank: treated as missing);
 * - street_number + address_1 -> address (address_2 and suburb are left out: the record shape
 *   has one first line, and the postcode already localises it);
 * - postcode -> postcode (4-digit Australian: compared whole, no sector or outward code);
 * - date_of_birth YYYYMMDD -> YYYY-MM-DD (impossible dates such as 19000230 become missing);
 * - soc_sec_id is NOT used: it is an Australian number with no UK equivalent among the
 *   identifiers the matcher knows, and mapping it onto one (say CRN) would give FEBRL a
 *   deterministic shortcut our UK referrals do not have. The figures are therefore for names,
 *   date of birth and address alone.
 * - no sex column: the sex comparison is missing for every pair.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { LabelledRecord } from '../libs/identity/src/testing/pairwise-evaluation';

export const FEBRL_DIRECTORY = resolve(__dirname, '..', '..', 'shared', 'data', 'febrl');

export function febrlAvailable(): boolean {
  return ['dataset3.csv', 'dataset4a.csv', 'dataset4b.csv'].every((file) => existsSync(join(FEBRL_DIRECTORY, file)));
}

type FebrlRow = Record<string, string>;

/** `rec-123-dup-2` and `rec-123-org` are the same person: `123`. */
const truthOf = (recId: string): string => recId.replace(/^rec-(\d+)-.*$/, '$1');

const isoDate = (yyyymmdd: string): string | undefined =>
  /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : undefined;

export function loadFebrl(file: string, recordIdPrefix = ''): LabelledRecord[] {
  const rows = parse(readFileSync(join(FEBRL_DIRECTORY, file), 'utf8'), {
    columns: true,
    trim: true,
    skip_empty_lines: true,
  }) as FebrlRow[];
  return rows.map((row) => {
    const recId = row['rec_id'] ?? '';
    const address = [row['street_number'], row['address_1']]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
    const dateOfBirth = isoDate(row['date_of_birth'] ?? '');
    const postcode = row['postcode'] ?? '';
    return {
      truthId: truthOf(recId),
      record: {
        recordId: `${recordIdPrefix}${recId}`,
        forenames: row['given_name'] ?? '',
        surname: row['surname'] ?? '',
        ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
        ...(postcode === '' ? {} : { postcode }),
        ...(address === '' ? {} : { address }),
        identifiers: {},
      },
    };
  });
}
