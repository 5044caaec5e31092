import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Where a tracker page ended: the last item's place in referral order (`referred_order`, then
 * `case_id`, a unique key). The next page starts strictly after it, so a case closed, declined or
 * referred (back-dated) before it meanwhile moves no other case across the page boundary.
 */
export interface CohortCursor {
  readonly referredOrder: string;
  readonly caseId: string;
}

/** Longer than any key the tracker makes: anything longer was not handed out as `next.after`. */
const MAX_CURSOR_LENGTH = 512;

/** The key as `next.after` gives it: opaque to clients, URL-safe. */
export function cohortCursor(row: { readonly referred_order: string; readonly case_id: string }): string {
  return Buffer.from(JSON.stringify([row.referred_order, row.case_id]), 'utf8').toString('base64url');
}

/** The key `after` names; undefined for text the tracker never handed out. */
export function parseCohortCursor(text: unknown): CohortCursor | undefined {
  if (typeof text !== 'string' || text === '' || text.length > MAX_CURSOR_LENGTH) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(key) || key.length !== 2) return undefined;
  const [referredOrder, caseId] = key as unknown[];
  if (typeof referredOrder !== 'string' || typeof caseId !== 'string' || referredOrder === '' || caseId === '')
    return undefined;
  // Base64 decoding forgives stray characters: only the exact text handed out names this key.
  return cohortCursor({ referred_order: referredOrder, case_id: caseId }) === text
    ? { referredOrder, caseId }
    : undefined;
}

/** A tracker page's `next.after` (rule `isCohortCursor`). */
export function IsCohortCursor(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isCohortCursor',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: `${String(propertyKey)} must be the next.after of a previous page`, ...options },
      validator: { validate: (value: unknown) => parseCohortCursor(value) !== undefined },
    });
}

/** SQLite's order for TEXT (BINARY: UTF-8 bytes), which the SQL pages by. */
const compareText = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Whether `row` comes after `cursor` in referral order, as SQL compares the key. */
export function isAfterCursor(
  row: { readonly referred_order: string; readonly case_id: string },
  cursor: CohortCursor,
) {
  const byOrder = compareText(row.referred_order, cursor.referredOrder);
  return byOrder > 0 || (byOrder === 0 && compareText(row.case_id, cursor.caseId) > 0);
}
