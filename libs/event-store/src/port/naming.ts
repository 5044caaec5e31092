/**
 * Naming rules every adapter enforces, so code written against the embedded store moves to
 * EventStoreDB unchanged (and so `$`-prefixed system streams and types can never be ours).
 */

/** `<category>-<id>`: a lowercase category, a hyphen, then an id of letters, digits, `_` or `-`. */
export const STREAM_NAME_PATTERN = /^[a-z][a-z0-9]*-[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const MAX_STREAM_NAME_LENGTH = 200;

/** kebab-case, e.g. `referral-made`. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_EVENT_TYPE_LENGTH = 100;

/**
 * Lowercase canonical UUID. EventStoreDB only accepts UUIDs as event ids and hands them back in
 * lowercase; requiring that form everywhere keeps ids comparable byte for byte across adapters.
 */
export const EVENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isValidStreamName(stream: string): boolean {
  return stream.length <= MAX_STREAM_NAME_LENGTH && STREAM_NAME_PATTERN.test(stream);
}

export function isValidEventType(type: string): boolean {
  return type.length <= MAX_EVENT_TYPE_LENGTH && EVENT_TYPE_PATTERN.test(type);
}

export function isValidEventId(id: string): boolean {
  return EVENT_ID_PATTERN.test(id);
}

/** The part of a stream name before the first hyphen (`case` for `case-42`). */
export function streamCategory(stream: string): string {
  const hyphen = stream.indexOf('-');
  return hyphen < 0 ? stream : stream.slice(0, hyphen);
}
