/**
 * Checks on command input that turn malformed values into `invalid` rejections naming the
 * field. The HTTP layer validates DTOs too; the domain checks again because commands also come
 * from imports and jobs, and an event, once stored, cannot be taken back.
 */
import { invalid } from '../../../command-handling/src/rejections';
import { isDateOnly, isInstant, parseInstant, ukDateAt } from './calendar';
import { PERSON_RULES } from './rule-names';

/** Text that carries meaning: not empty once surrounding spaces are removed. Returns it trimmed. */
export function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalid(field, 'required', `${field} must not be empty`);
  return trimmed;
}

/**
 * Why a recorded answer is corrected: text as `requireText`, refused under the correction's own
 * `rule` so the caller learns which explanation is missing. Commands also come from imports and
 * jobs, whose input no DTO has checked, so a value that is not text is refused, not a crash.
 */
export function requireReason(value: unknown, field: string, rule: string, message: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(field, rule, message);
  return value.trim();
}

/** A letter of any script: a name of only spaces, digits or punctuation names nobody. */
const LETTER = /\p{L}/u;
export const hasLetter = (text: string): boolean => LETTER.test(text);

/**
 * A name part (forenames, surname, an alias's parts): text with at least one letter, trimmed.
 * Without one the matcher took the part for missing and linked a record on the rest (review s9 D4).
 */
export function requireName(value: string, field: string): string {
  const trimmed = requireText(value, field);
  if (!hasLetter(trimmed))
    throw invalid(field, PERSON_RULES.nameHasLetter, `${field} must contain at least one letter`);
  return trimmed;
}

/** Optional text: undefined stays undefined; blank text is treated as not given. */
export function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

/** An ISO-8601 instant with an explicit zone (when something happened). */
export function requireInstant(value: string, field: string): string {
  const ms = parseInstant(value);
  if (ms === undefined) {
    throw invalid(field, 'iso-instant', `${field} must be an ISO-8601 date-time with a zone, got "${value}"`);
  }
  return inUtc(value, ms);
}

/**
 * The instant written in UTC (`Z`), as the log keeps it: readers order and compare instants as
 * text, and `10:00+01:00` sorts after `09:30Z` though it is half an hour earlier. One already in
 * UTC is kept as written; another keeps its precision (whole seconds stay whole).
 */
function inUtc(value: string, ms: number): string {
  if (value.endsWith('Z')) return value;
  const iso = new Date(ms).toISOString();
  return /:\d{2}\.\d/.test(value) ? iso : iso.replace('.000Z', 'Z');
}

/** A `YYYY-MM-DD` calendar date (a due date, a date of birth). */
export function requireDate(value: string, field: string): string {
  if (!isDateOnly(value)) throw invalid(field, 'iso-date', `${field} must be a YYYY-MM-DD date, got "${value}"`);
  return value;
}

/** Either form: some facts are known to the day, others to the minute. */
export function requireDateOrInstant(value: string, field: string): string {
  if (!isDateOnly(value) && !isInstant(value)) {
    throw invalid(field, 'iso-date-or-instant', `${field} must be a YYYY-MM-DD date or ISO-8601 date-time`);
  }
  return value;
}

/** A calendar month, `YYYY-MM` (what a monthly upload covers). */
export function requireYearMonth(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    throw invalid(field, 'year-month', `${field} must be YYYY-MM`);
  }
  return value;
}

export function requireOneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw invalid(field, 'one-of', `${field} must be one of ${values.join(', ')}`);
  return found;
}

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return values.some((candidate) => candidate === value);
}

export function requireNonNegativeInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw invalid(field, 'non-negative-integer', `${field} must be 0 or more`);
  return value;
}

/** A percentage score such as OGRS or OVP: a finite number from 0 to 100 inclusive. */
export function requirePercentage(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw invalid(field, 'percentage', `${field} must be a number from 0 to 100`);
  }
  return value;
}

/** Ids are chosen by the caller (so retries are idempotent); they must at least be present. */
export function requireId(value: string, field: string): string {
  // Commands also come from imports and jobs, whose input no DTO has checked: null is refused, not a crash.
  if (typeof value !== 'string' || value.length === 0 || value.trim() !== value) {
    throw invalid(field, 'id', `${field} must be a non-empty id without surrounding spaces`);
  }
  return value;
}

/** A device clock a little ahead of the server's is not a fact from the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How far past the end of `day` a history "as of" that day reaches, in epoch ms: today takes facts
 * dated up to the clock skew after `now`, which a fact at 00:01 recorded at 23:57 is, as the live
 * views count it; any other day holds only its own (undefined).
 */
export function asOfReach(day: string, now: Date): number | undefined {
  return day === ukDateAt(now) ? now.getTime() + CLOCK_SKEW_MS : undefined;
}

/**
 * Facts are recorded after they happen, so `value` cannot be later than the recording
 * (`recordedAt`, the server clock), give or take `CLOCK_SKEW_MS`. Deciders have no clock: whoever
 * records the command asks this with the time it stamps on the events.
 */
export function requireNotInFuture(
  value: string,
  recordedAt: string,
  field: string,
  rule: string,
  message?: string,
): void {
  const valueMs = parseInstant(value);
  const recordedMs = parseInstant(recordedAt);
  if (valueMs === undefined || recordedMs === undefined || valueMs <= recordedMs + CLOCK_SKEW_MS) return;
  throw invalid(
    field,
    rule,
    message ?? `${field} ${value} is later than now (${recordedAt}): record it once it has happened`,
  );
}

/** True when instant `a` is strictly before instant `b`; both must already be valid. */
export function isBefore(a: string, b: string): boolean {
  return (parseInstant(a) ?? Number.NaN) < (parseInstant(b) ?? Number.NaN);
}
