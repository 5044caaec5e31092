import { namedRule } from '../../../platform/src/http/named-rule';
import { isISO8601, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { storedInstant } from '../projections/trail-instants';
import { TRAIL_ACTIONS } from './trail-actions';
import { parseTrailCursor } from './trail-cursor';

const KNOWN = new Set(TRAIL_ACTIONS);

/** Comma-separated actions, each one the trail can hold (rule `isIn`, listing them). */
export function IsTrailActionList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isIn',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `${String(propertyKey)} must be comma-separated actions, each one of: ${TRAIL_ACTIONS.join(', ')}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.split(',').every((action) => KNOWN.has(action)),
      },
    });
}

/**
 * At most as many actions as the trail knows (rule `arrayMaxSize`): a longer list can only repeat
 * itself, and every action is matched against every entry, so 1,500 copies of one cost 1,500 times one.
 */
export function IsShortActionList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'arrayMaxSize',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `${String(propertyKey)} must list at most ${TRAIL_ACTIONS.length} actions`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.split(',').length <= TRAIL_ACTIONS.length,
      },
    });
}

/**
 * Later than the instant in `field` (rule `after-<field>`): the upper bound is exclusive, so an
 * earlier or equal one can only ever answer nothing. Left to the format rules when either does not parse.
 */
export function IsAfterField(field: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: `after-${field}`,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints: [field],
      options: { message: `${String(propertyKey)} must be later than ${field}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const lower = (args.object as Record<string, unknown>)[field];
          if (typeof value !== 'string' || typeof lower !== 'string') return true;
          const [start, end] = [storedInstant(lower), storedInstant(value)];
          return start === undefined || end === undefined || end > start;
        },
      },
    });
}

/** The largest position the log can hold: positions are signed 64-bit integers in the store. */
export const LAST_POSITION = 2n ** 63n - 1n;

/**
 * A page's `next` (rule `log-position`): a larger number cannot be a position, and the store could
 * not even bind it to compare.
 */
export const IsLogPosition = (): PropertyDecorator =>
  namedRule(
    'log-position',
    `cursor must be the \`next\` of a previous page: a log position from 0 to ${LAST_POSITION}, ` +
      'optionally followed by - and the position its walk ends at',
    (value) => {
      const cursor = typeof value === 'string' ? parseTrailCursor(value) : undefined;
      return cursor !== undefined && cursor.after <= LAST_POSITION && (cursor.through ?? 0n) <= LAST_POSITION;
    },
  );

/**
 * An ISO-8601 date or date-time the trail reads as an instant (rule `instant`): week and ordinal
 * dates, the basic format and an hour alone pass `isIso8601` but name no instant `Date` reads, and
 * compared as written they matched entries by their characters, not their time. Other malformed
 * values are left to `isIso8601`.
 */
export const IsTrailInstant = (): PropertyDecorator =>
  namedRule(
    'instant',
    '$property must be a calendar date or date-time such as 2024-05-01 or 2024-05-01T09:00:00Z ' +
      '(week and ordinal dates, the basic format and an hour alone are not read)',
    (value) => typeof value !== 'string' || !isISO8601(value, { strict: true }) || storedInstant(value) !== undefined,
  );
