/** A calendar date of birth, pre-digested for comparison. */
export interface DateOfBirth {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYYMMDD`, for digit-level comparison and blocking keys. */
  readonly digits: string;
  /** Days since 1970-01-01 (proleptic Gregorian), for distance in days. */
  readonly dayNumber: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; anything else, or an impossible date (31 April), counts as missing. */
export function parseDateOfBirth(raw: string | undefined): DateOfBirth | undefined {
  if (raw === undefined) return undefined;
  const match = ISO_DATE.exec(raw.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, digits: `${match[1]}${match[2]}${match[3]}`, dayNumber: daysFromCivil(year, month, day) };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Howard Hinnant's days-from-civil algorithm: pure arithmetic, so the domain needs no Date
 * object (and no time zone) to measure the gap between two dates of birth.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
