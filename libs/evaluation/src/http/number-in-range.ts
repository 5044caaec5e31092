import { registerDecorator } from 'class-validator';

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (a population), or any finite number (a score, a cost). */
  readonly whole?: boolean;
}

/**
 * One rule and one message per number parameter, naming the field and the range it must be in:
 * stacking `IsInt`, `Min` and `Max` answers `1e3` or `NaN` with every validator's message at
 * once ("must not be greater than …" beside "must not be less than …"), which helps nobody.
 * Pair with `QueryNumber`, which leaves anything but plain decimal text as text.
 */
export function NumberIn(range: NumberRange): PropertyDecorator {
  const kind = range.whole === true ? 'a whole number' : 'a number';
  return (target, propertyKey) =>
    registerDecorator({
      name: range.whole === true ? 'wholeNumberInRange' : 'numberInRange',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `${String(propertyKey)} must be ${kind} from ${range.min} to ${range.max}, written in plain decimal digits`,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          (range.whole !== true || Number.isInteger(value)) &&
          value >= range.min &&
          value <= range.max,
      },
    });
}
