/**
 * Calendar arithmetic on the ISO-8601 strings that commands carry. Pure: every function takes
 * the instant it reasons about as an argument; nothing here reads a clock.
 *
 * Panels reason in UK calendar days ("within 12 months of the last referral", "due by
 * Friday"), so an instant is turned into the date it was *in the UK* before calendar rules are
 * applied: 00:30 BST on 1 June is 23:30 UTC on 31 May, and a coordinator would call it 1 June.
 */

/** A calendar date without time or zone. `month` is 1–12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date, `T`, time to at least minutes, optional fraction, and a mandatory zone (Z or ±hh:mm). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const HOUR_MS = 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February). */
export function parseDateOnly(text: string): CalendarDate | undefined {
  const match = DATE_ONLY.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/**
 * An ISO-8601 instant with an explicit zone, as milliseconds since the epoch. A timestamp
 * without a zone is refused: it would mean different instants on different servers.
 */
export function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether `at` is the same instant as `current` or later (none yet: it is); ties go to the later record. */
export function notBefore(at: string, current: string | undefined): boolean {
  if (current === undefined) return true;
  const [atMs, currentMs] = [parseInstant(at), parseInstant(current)];
  // Not instants (never so in a decided event): as written.
  return atMs === undefined || currentMs === undefined ? at >= current : atMs >= currentMs;
}

export const isInstant = (text: string): boolean => parseInstant(text) !== undefined;
export const isDateOnly = (text: string): boolean => parseDateOnly(text) !== undefined;

/** Milliseconds → canonical UTC ISO string (`2021-03-10T09:00:00.000Z`). */
export function instantToIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function addHours(instant: string, hours: number): string {
  const ms = parseInstant(instant);
  if (ms === undefined) throw new Error(`not an ISO-8601 instant with a zone: ${instant}`);
  return instantToIso(ms + hours * HOUR_MS);
}

/** The day of month of the last Sunday of a month (UTC calendar). */
function lastSunday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  return last - weekday;
}

/**
 * Whether British Summer Time is in force at an instant: from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October (the rule in force since 1996 and retained
 * after EU exit). Written out rather than taken from Intl so the result does not depend on the
 * ICU data a Node build happens to ship; dates before 1996 are not expected in this system.
 */
export function isBritishSummerTime(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  const starts = Date.UTC(year, 2, lastSunday(year, 3), 1);
  const ends = Date.UTC(year, 9, lastSunday(year, 10), 1);
  return ms >= starts && ms < ends;
}

/**
 * The UK calendar date of a value: a `YYYY-MM-DD` date is taken as written; an instant is
 * converted to Europe/London (GMT or BST) first. Undefined when the text is neither.
 */
export function ukCalendarDate(text: string): CalendarDate | undefined {
  const dateOnly = parseDateOnly(text);
  if (dateOnly !== undefined) return dateOnly;
  const ms = parseInstant(text);
  if (ms === undefined) return undefined;
  const local = new Date(ms + (isBritishSummerTime(ms) ? HOUR_MS : 0));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * The same day of the month `months` later; when that month is shorter the last day of the
 * month stands in (31 Jan + 1 month = 28/29 Feb; 29 Feb 2020 + 12 months = 28 Feb 2021).
 * This is how a person reads "a month later": it never spills into the following month.
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** `…T hh:mm…Z` with the hour before 23: UTC and UK dates agree, GMT or BST. */
const UTC_BEFORE_23 = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-2]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?Z$/;

/** The UK calendar date (YYYY-MM-DD) of a date or an instant with a zone; undefined when neither. */
export function ukDay(value: string): string | undefined {
  // Replays ask this for every fact: the common case (UTC, not in the hour BST moves to the next
  // day) is answered from the text, after checking the day exists.
  if (UTC_BEFORE_23.test(value)) {
    const day = value.slice(0, 10);
    return parseDateOnly(day) === undefined ? undefined : day;
  }
  const date = ukCalendarDate(value);
  return date === undefined ? undefined : formatDate(date);
}

/**
 * `ukDay`, or the text as written (its first ten characters) when it is neither a date nor an
 * instant: how the rules and views place a stored fact by day, which a decided event always dates.
 */
export function ukDayOf(value: string): string {
  return ukDay(value) ?? value.slice(0, 10);
}

/** The UK calendar date (YYYY-MM-DD) at an instant: "today" for a partnership in England and Wales. */
export function ukDateAt(instant: Date): string {
  return ukDayOf(instant.toISOString());
}

/**
 * The last millisecond of a UK calendar day (23:59:59.999 London time, GMT or BST) in epoch ms;
 * undefined when `day` is not a real `YYYY-MM-DD` date.
 */
export function endOfUkDay(day: string): number | undefined {
  const date = parseDateOnly(day);
  if (date === undefined) return undefined;
  const nextMidnightUtc = Date.UTC(date.year, date.month - 1, date.day + 1);
  // While BST is in force London's midnight is 23:00 UTC the evening before.
  const nextMidnightBst = nextMidnightUtc - HOUR_MS;
  return (isBritishSummerTime(nextMidnightBst) ? nextMidnightBst : nextMidnightUtc) - 1;
}
