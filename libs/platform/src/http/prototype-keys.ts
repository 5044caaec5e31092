import { fieldOf } from './null-characters';
import type { FieldProblem } from './problem';

/**
 * The keys Nest's validation pipe deletes (`__proto__`, `prototype`, `constructor`), and every other
 * name an object inherits (`toString`, `hasOwnProperty`, ...), which class-validator's whitelist
 * passes over as if declared: a `toString` sent as data would shadow the method on the DTO.
 */
const PROTOTYPE_KEYS: readonly string[] = ['prototype', ...Object.getOwnPropertyNames(Object.prototype)];

/**
 * Every prototype key a client sent, named as any other unknown field is (`whitelistValidation`).
 * Without this, a body carrying one went ahead as if the field had not been sent (or, for an
 * inherited name, with it on the DTO), while any other key nobody declared is refused.
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
