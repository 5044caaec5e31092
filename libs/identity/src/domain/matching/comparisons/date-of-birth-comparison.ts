import type { DateOfBirth } from '../text/date-of-birth';
import { DATE_OF_BIRTH } from './comparison-levels';

const DAYS_IN_A_YEAR = 365;
const DAYS_IN_TEN_YEARS = 3653;

/**
 * Dates of birth are mistyped in recognisable ways: day and month swapped (US-style entry,
 * only possible when both are 12 or less), one digit wrong, or an estimate within a year.
 * Beyond that, "a few years out" (a guessed age) is kept apart from "a generation apart": a
 * father and son with the same name at the same address differ by decades, and that gap is
 * strong evidence of two people, much stronger than a date merely being wrong.
 */
export function dateOfBirthLevel(a: DateOfBirth, b: DateOfBirth): number {
  if (a.digits === b.digits) return DATE_OF_BIRTH.exact;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return DATE_OF_BIRTH.dayMonthSwapped;
  if (differInOneDigit(a.digits, b.digits)) return DATE_OF_BIRTH.oneDigit;
  const days = Math.abs(a.dayNumber - b.dayNumber);
  if (days <= DAYS_IN_A_YEAR) return DATE_OF_BIRTH.withinAYear;
  if (days <= DAYS_IN_TEN_YEARS) return DATE_OF_BIRTH.withinTenYears;
  return DATE_OF_BIRTH.else;
}

function differInOneDigit(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
  return differences === 1;
}
