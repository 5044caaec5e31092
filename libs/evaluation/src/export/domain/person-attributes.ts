import { ageOnUkDate } from '../../../../case-lifecycle/src/domain/rules/alliance-age';
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
 * The statistical attributes of a person's details, from an allow-list: sex, ethnicity,
 * disability, language, age band and postcode district. Names, aliases, the date of birth, the
 * address, the full postcode and identifiers are not read at all.
 */
export function personAttributes(details: Record<string, unknown>, occurredAt: string): ExportRecord {
  const record: ExportRecord = {};
  const sex = text(details.sex);
  if (sex !== undefined) record.sex = sex;
  const ethnicity = text(details.ethnicity);
  if (ethnicity !== undefined) record.ethnicity = ethnicity;
  const disability = text(details.disability);
  if (disability !== undefined) record.disability = disability;
  const language = text(details.language);
  if (language !== undefined) record.language = language;
  const dateOfBirth = text(details.dateOfBirth);
  const age = dateOfBirth === undefined ? undefined : ageOn(dateOfBirth, occurredAt);
  if (age !== undefined) record.age_band = ageBand(age);
  const postcode = text(details.postcode);
  const district = postcode === undefined ? undefined : postcodeDistrict(postcode);
  if (district !== undefined) record.postcode_district = district;
  return record;
}
