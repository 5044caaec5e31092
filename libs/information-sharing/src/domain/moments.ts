/**
 * Turning the dates and instants commands carry into comparable values. A calendar date stands
 * for the start of that day (UTC midnight): agreements are in force from and to whole days.
 */
import {
  compareDates,
  formatDate,
  isInstant,
  parseDateOnly,
  parseInstant,
  ukCalendarDate,
} from '../../../case-lifecycle/src/domain/calendar';
import { CLOCK_SKEW_MS } from '../../../case-lifecycle/src/domain/input-checks';
import { Rejection, type RejectionDetail } from '../../../command-handling/src/rejections';

export { isInstant };
export { referralDayProblem } from '../../../case-lifecycle/src/domain/referral-day';

export function momentOf(text: string): number {
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  return parseDateOnly(text) === undefined ? Number.NaN : Date.parse(`${text}T00:00:00Z`);
}

/** Whether the UK calendar day of `at` lies within [from, to] (to open-ended when null). */
export function withinDays(at: string, from: string, to: string | null): boolean {
  const day = ukCalendarDate(at);
  const start = parseDateOnly(from);
  if (day === undefined || start === undefined) return false;
  if (compareDates(day, start) < 0) return false;
  if (to === null) return true;
  const end = parseDateOnly(to);
  return end !== undefined && compareDates(day, end) <= 0;
}

/**
 * Whether `at` is later than `now` (the server clock when the command was received), beyond the
 * clock skew the case lifecycle allows: a decision is recorded once made, and a device clock a
 * little ahead of the server's is not a decision from the future.
 */
export function laterThanNow(at: string, now: string): boolean {
  return momentOf(at) > momentOf(now) + CLOCK_SKEW_MS;
}

/**
 * The problem with an `occurredAt` later than now (laterThanNow), worded alike for a disclosure, a
 * revocation and an agreement's change: `what` is what to record once made.
 */
export function notLaterThanNow(occurredAt: string, now: string, rule: string, what: string): RejectionDetail[] {
  if (!laterThanNow(occurredAt, now)) return [];
  const message = `occurredAt ${occurredAt} is later than now (${now}): record the ${what} once made`;
  return [{ field: 'occurredAt', rule, message }];
}

/** Refuses a command on the first of `problems` alone (400 naming its field), if there is one. */
export function refuseFirst(problems: readonly RejectionDetail[]): void {
  const [first] = problems;
  if (first !== undefined) throw new Rejection('invalid', first.rule, first.message, [first]);
}

/** The UK calendar day (YYYY-MM-DD) of an instant or date; undefined when it is neither. */
export function ukDayOf(at: string): string | undefined {
  const day = ukCalendarDate(at);
  return day === undefined ? undefined : formatDate(day);
}

/** Negative, zero or positive as calendar date `a` is before, on or after `b`. */
export function compareDays(a: string, b: string): number {
  const [x, y] = [parseDateOnly(a), parseDateOnly(b)];
  if (x === undefined || y === undefined) return Number.NaN;
  return compareDates(x, y);
}

/** Agencies are named by people: compare them without case or spacing differences. */
export const agencyKey = (agency: string): string => agency.trim().replace(/\s+/g, ' ').toLowerCase();
