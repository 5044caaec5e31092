import type { DateOfBirth } from '../text/date-of-birth';
import { DATE_OF_BIRTH } from './comparison-levels';

const DAYS_IN_A_YEAR = 365;

/**
 * Dates of birth are mistyped in recognisable ways: day and month swapped (US-style entry,
 * only possible when both are 12 or less), one digit wrong, or an estimate within a year.
 */
export function dateOfBirthLevel(a: DateOfBirth, b: DateOfBirth): number {
  if (a.digits === b.digits) return DATE_OF_BIRTH.exact;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return DATE_OF_BIRTH.dayMonthSwapped;
  if (differInOneDigit(a.digits, b.digits)) return DATE_OF_BIRTH.oneDigit;
  if (Math.abs(a.dayNumber - b.dayNumber) <= DAYS_IN_A_YEAR) return DATE_OF_BIRTH.withinAYear;
  return DATE_OF_BIRTH.else;
}

function differInOneDigit(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
  return differences === 1;
}
