import { ageOnUkDate } from '../../../../case-lifecycle/src/domain/rules/alliance-age';
import { readDisability, readEthnicity, readFirstLanguage } from '../../domain/equality/equality-values';
import type { ExportRecord } from './export-columns';

/** Whole years between a YYYY-MM-DD birth date and the UK calendar date of an instant. */
export function ageOn(dateOfBirth: string, on: string): number | undefined {
  const age = ageOnUkDate(dateOfBirth, on);
  return age !== undefined && age >= 0 ? age : undefined;
}

/** Bands fit the evaluation reports: MARAC's 16–17, IOM's 18–24 / 25–34 / 35–49 / 50+. */
export function ageBand(age: number): string {
  if (age < 10) return '0-9';
  if (age < 16) return '10-15';
  if (age < 18) return '16-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  return '50+';
}

/** The outward code of a UK postcode ("N17 6AB" → "N17"); undefined when it does not look like one. */
export function postcodeDistrict(postcode: string): string | undefined {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  const match = /^([A-Z]{1,2}\d[A-Z\d]?)\d[A-Z]{2}$/.exec(compact);
  return match?.[1];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The statistical attributes of a person's details, from an allow-list: sex, ethnic group and
 * category, disability, first language, age band and postcode district. Names, aliases, the date
 * of birth, the address, the full postcode and identifiers are not read at all; ethnicity,
 * disability and language leave only as the fixed vocabulary, never as typed.
 * `complete`: the details are the whole record (`person-registered`), so a field it lacks is
 * `not-recorded`; otherwise (`person-details-recorded`) only the fields it changes are given.
 */
export function personAttributes(
  details: Record<string, unknown>,
  occurredAt: string,
  complete: boolean,
): ExportRecord {
  const record: ExportRecord = {};
  const sex = text(details.sex);
  if (sex !== undefined) record.sex = sex;
  // null: this event says nothing of the field; undefined: the record holds no value for it.
  const given = (field: string): string | undefined | null => {
    if (!(field in details)) return complete ? undefined : null;
    const value = details[field];
    return typeof value === 'string' ? value : undefined;
  };
  const ethnicity = given('ethnicity');
  if (ethnicity !== null) {
    const { group, category } = readEthnicity(ethnicity);
    record.ethnic_group = group;
    record.ethnic_category = category;
  }
  const disability = given('disability');
  if (disability !== null) record.disability = readDisability(disability);
  const language = given('language');
  if (language !== null) record.language = readFirstLanguage(language);
  const dateOfBirth = text(details.dateOfBirth);
  const age = dateOfBirth === undefined ? undefined : ageOn(dateOfBirth, occurredAt);
  if (age !== undefined) record.age_band = ageBand(age);
  const postcode = text(details.postcode);
  const district = postcode === undefined ? undefined : postcodeDistrict(postcode);
  if (district !== undefined) record.postcode_district = district;
  return record;
}
