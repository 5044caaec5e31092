import { fieldOf } from './null-characters';
import type { FieldProblem } from './problem';

/** The keys Nest's validation pipe deletes, wherever they are, before it reads a body or query. */
const PROTOTYPE_KEYS = ['__proto__', 'prototype', 'constructor'] as const;

/**
 * Every prototype key a client sent, named as any other unknown field is (`whitelistValidation`).
 * The pipe deletes them before the whitelist looks, so without this a body carrying one went ahead
 * as if the field had not been sent, while any other key nobody declared is refused.
 */
export function prototypeKeyProblems(value: unknown, prefix = ''): FieldProblem[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Array.isArray(value)
    ? []
    : PROTOTYPE_KEYS.filter((key) => Object.prototype.hasOwnProperty.call(value, key)).map((key) => {
        const field = fieldOf(prefix, key);
        return { field, rule: 'whitelistValidation', message: `property ${field} should not exist` };
      });
  const nested = Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    prototypeKeyProblems(item, fieldOf(prefix, key)),
  );
  return [...own, ...nested];
}
