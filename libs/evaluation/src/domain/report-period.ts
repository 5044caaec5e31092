/**
 * Periods and calendar days for the MARAC and IOM reports. Facts are placed by the UK calendar
 * date of their `occurredAt` (the lifecycle's reading: 00:30 BST on 1 June is 1 June), so the
 * period a referral counts in agrees with the 12-month repeat rule, which also uses UK dates. The
 * Alliance report places engagements by UK date too (see its header).
 */
import { parseDateOnly } from '../../../case-lifecycle/src/domain/calendar';

export interface ReportPeriod {
  /** First day, YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  readonly to: string;
}

/** Checks both ends are real dates in order; RangeError otherwise (the HTTP layer validates first). */
export function checkPeriod(period: ReportPeriod): ReportPeriod {
  if (parseDateOnly(period.from) === undefined) throw new RangeError(`from is not a calendar date: ${period.from}`);
  if (parseDateOnly(period.to) === undefined) throw new RangeError(`to is not a calendar date: ${period.to}`);
  if (period.from > period.to) throw new RangeError(`from (${period.from}) is after to (${period.to})`);
  return period;
}

/**
 * Whether a period spans at most `years` years, by the dates: 2000-01-01..2024-12-31 is 25 years,
 * 2000-01-01..2025-01-01 a day more. From 29 February the anniversary is 1 March, as for ages.
 */
export function spansAtMostYears(period: ReportPeriod, years: number): boolean {
  // By year, then month and day: an anniversary after 9999 has five digits, which text sorts first.
  const [fromYear, toYear] = [Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))];
  const anniversaryYear = fromYear + years;
  return toYear < anniversaryYear || (toYear === anniversaryYear && period.to.slice(4) < period.from.slice(4));
}

export const inPeriod = (day: string, period: ReportPeriod): boolean => day >= period.from && day <= period.to;

/** Every calendar month (YYYY-MM) from the month of `from` to the month of `to`. */
export function monthsOf(period: ReportPeriod): string[] {
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  const months: string[] = [];
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The last day (YYYY-MM-DD) of a month, or `to` when the period ends earlier in that month. */
export function monthEnd(month: string, period: ReportPeriod): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  const end = `${month}-${String(days).padStart(2, '0')}`;
  return end < period.to ? end : period.to;
}

/**
 * Whole years between a YYYY-MM-DD date of birth and a YYYY-MM-DD day; undefined for a bad date,
 * and for a birth after the day (a mistyped date: no age, so "not recorded", as in the export).
 */
export function ageOn(dateOfBirth: string | undefined, day: string): number | undefined {
  if (dateOfBirth === undefined || parseDateOnly(dateOfBirth) === undefined) return undefined;
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  // Born on 29 February: the birthday is taken as 1 March in other years ("03-01" > "02-28").
  const age = day.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
  return age >= 0 ? age : undefined;
}

export const ratio = (numerator: number, denominator: number, decimals = 4): number | null => {
  if (denominator === 0) return null;
  const f = 10 ** decimals;
  return Math.round((numerator / denominator) * f) / f;
};

/** Adds one to a count keyed by label. */
export function tally(counts: Record<string, number>, label: string): void {
  counts[label] = (counts[label] ?? 0) + 1;
}

export const NOT_RECORDED = 'not recorded';

/**
 * A fixed-vocabulary value as a label: missing (or the vocabulary's `not-recorded`) is the reports'
 * "not recorded", as for every other breakdown.
 */
export function codedLabel(value: string | undefined): string {
  return value === undefined || value === 'not-recorded' ? NOT_RECORDED : value;
}

/** A free-text category as a label: trimmed; blank or missing is "not recorded". */
export function label(value: string | undefined | null): string {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? NOT_RECORDED : trimmed;
}
