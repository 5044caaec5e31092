/**
 * Who Operation Alliance serves by age: children 10–18 (the registry's `minimumAge` and
 * `maximumAge`), on the day they were engaged in custody as a coordinator in London would name it.
 */
import { invalid, ruleRefused } from '../../../../command-handling/src/rejections';
import { parseDateOnly, ukCalendarDate } from '../calendar';
import { CASE_RULES } from '../rule-names';

export interface AllianceAgeRange {
  readonly minimumAge: number;
  readonly maximumAge: number;
}

/**
 * Whole years from `dateOfBirth` (YYYY-MM-DD) to the Europe/London calendar date of `at` (an
 * instant with a zone). The same arrest written as `2024-05-01T23:30:00Z` or
 * `2024-05-02T00:30:00+01:00` is on 2 May in the UK, the child's birthday either way. A 29
 * February birthday comes round on 1 March in other years. Undefined when either value is not a
 * real date or instant.
 */
export function ageOnUkDate(dateOfBirth: string, at: string): number | undefined {
  const born = parseDateOnly(dateOfBirth);
  const on = ukCalendarDate(at);
  if (born === undefined || on === undefined) return undefined;
  const beforeBirthday = on.month < born.month || (on.month === born.month && on.day < born.day);
  return on.year - born.year - (beforeBirthday ? 1 : 0);
}

/**
 * The child's age in whole years when engaged. A value that cannot be an age (negative,
 * fractional) is malformed input: `invalid`. A real age outside the scheme's range (a 9- or
 * 19-year-old) is well-formed but out of scope: `rule-refused` with rule `alliance-age-range`,
 * naming `field` (`ageAtEngagement` on the command; the referral route names the date of birth
 * the age came from), so the client can say "Operation Alliance works with children aged 10–18".
 */
export function checkAgeAtEngagement(age: number, range: AllianceAgeRange, field = 'ageAtEngagement'): number {
  if (!Number.isInteger(age) || age < 0 || age > 150) {
    throw invalid(field, 'whole-years', `${field} must give a whole number of years (0 or more)`);
  }
  if (age < range.minimumAge || age > range.maximumAge) {
    throw ruleRefused(
      CASE_RULES.allianceAgeRange,
      `Operation Alliance engages children aged ${range.minimumAge}–${range.maximumAge}; this child is ${age}`,
      field,
    );
  }
  return age;
}
