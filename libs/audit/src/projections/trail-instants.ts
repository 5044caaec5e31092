/** A date-time with an hour (`T` or space before it) and no offset after it. */
const TIME_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}(?!.*(?:Z|[+-]\d{2}(?::?\d{2})?)$)/i;
const FRACTION = /[.,](\d+)/;

/**
 * The instant an ISO-8601 date or date-time names, written as `at` is (`toISOString`: UTC,
 * milliseconds), so that comparing the strings compares the instants. `at` holds what the clock
 * stamped, to the millisecond; compared as written, `10:00:00Z` was after an entry at
 * `10:00:00.000Z` and `12:00+02:00` after one at `11:00Z`. A date-time without an offset is UTC,
 * as the trail's times are. A finer fraction rounds up, so `from` and `to` keep their meaning
 * for entries at whole milliseconds. Undefined for forms `Date` does not read (week and ordinal
 * dates, the basic format without dashes, an hour alone).
 */
export function storedInstant(value: string): string | undefined {
  const millis = Date.parse(TIME_WITHOUT_OFFSET.test(value) ? `${value}Z` : value);
  if (Number.isNaN(millis)) return undefined;
  const finer = FRACTION.exec(value)?.[1]?.slice(3) ?? '';
  const instant = new Date(/[1-9]/.test(finer) ? millis + 1 : millis);
  const year = instant.getUTCFullYear();
  return year < 0 || year > 9999 ? undefined : instant.toISOString();
}
