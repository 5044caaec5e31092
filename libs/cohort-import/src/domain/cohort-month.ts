import { invalid } from '../../../command-handling/src/rejections';
import { ukDateAt } from '../../../case-lifecycle/src/domain/calendar';

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month a file is for, `YYYY-MM`; anything else is refused naming `month`. */
export function requireMonth(value: unknown): string {
  if (typeof value !== 'string' || !YEAR_MONTH.test(value.trim())) {
    throw invalid('month', 'year-month', 'month is required, as YYYY-MM (e.g. 2024-04)');
  }
  return value.trim();
}

/** The UK calendar month (Europe/London, GMT or BST) of an instant, `YYYY-MM`. */
export function ukMonthOf(instant: Date): string {
  return ukDateAt(instant).slice(0, 7);
}

/**
 * A month no later than the current UK month. Probation sends a month's file once the month has
 * begun; a month typed in the future would make every real upload before it look late, and
 * leave open cases unflagged and new people unreferred until that month came.
 */
export function requireMonthNotFuture(month: string, now: Date): string {
  const current = ukMonthOf(now);
  if (month > current) {
    throw invalid(
      'month',
      'year-month-not-future',
      `month ${month} is after the current month (${current}, UK time): check the month the file is for`,
    );
  }
  return month;
}

/** The month before, `YYYY-MM`. */
export function monthBefore(month: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/** The month after, `YYYY-MM`. */
export function monthAfter(month: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** The first instant of a month, as an ISO UTC string: a date of birth must fall before it. */
export const monthStart = (month: string): string => `${month}-01`;
