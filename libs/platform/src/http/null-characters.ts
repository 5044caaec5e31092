import type { FieldProblem } from './problem';

const MAX_DEPTH = 32;

/** How a problem names a key under `prefix`: `a.b`, or `a[0]` for an array item. */
export const fieldOf = (prefix: string, key: string): string =>
  /^\d+$/.test(key) ? `${prefix}[${key}]` : prefix === '' ? key : `${prefix}.${key}`;

/**
 * Every text in a body or query that holds U+0000. It means nothing in a name, a reason or an
 * agency, yet once appended it sits in an immutable event for good, where exports and the
 * databases that refuse it (PostgreSQL text, C-string tools) would trip over it later. A value
 * nested deeper than the walk goes is refused too (`too-deep`), at the path where it stopped.
 */
export function nullCharacterProblems(value: unknown, prefix = '', depth = 0): FieldProblem[] {
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? [
          {
            field: prefix,
            rule: 'no-null-character',
            message: `${prefix === '' ? 'the body' : prefix} must not contain the null character`,
          },
        ]
      : [];
  if (value === null || typeof value !== 'object') return [];
  // Unchecked text could hide a null character, so a value nested past the check is refused.
  if (depth > MAX_DEPTH)
    return [
      {
        field: prefix,
        rule: 'too-deep',
        message: `${prefix} nests more than ${MAX_DEPTH} levels deep; no request here needs that`,
      },
    ];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    nullCharacterProblems(item, fieldOf(prefix, key), depth + 1),
  );
}
