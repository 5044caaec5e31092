import type { DateOfBirth } from '../text/date-of-birth';
import { DATE_OF_BIRTH } from './comparison-levels';

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
  const earlier = a.dayNumber <= b.dayNumber ? a : b;
  const later = earlier === a ? b : a;
  if (withinYears(earlier, later, 1)) return DATE_OF_BIRTH.withinAYear;
  if (withinYears(earlier, later, 10)) return DATE_OF_BIRTH.withinTenYears;
  return DATE_OF_BIRTH.else;
}

/**
 * Whether `later` is no later than the same calendar day `years` on from `earlier`. Calendar
 * years, not a count of days: 1999-06-01 and 2000-06-01 are a year apart though a leap day lies
 * between them (366 days). A 29 February has no such day: 28 February of that year is within, 1
 * March is not.
 */
function withinYears(earlier: DateOfBirth, later: DateOfBirth, years: number): boolean {
  const year = earlier.year + years;
  if (later.year !== year) return later.year < year;
  if (later.month !== earlier.month) return later.month < earlier.month;
  return later.day <= earlier.day;
}

function differInOneDigit(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
  return differences === 1;
}
