import { Transform } from 'class-transformer';

/** Plain decimal notation: digits, an optional minus and fraction. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Reads a query-string number. Only plain decimal text becomes a number; anything else stays
 * text and fails the field's `IsInt`/`IsNumber` check with a 400 naming it. `Number()` alone
 * (what `@Type(() => Number)` does) would read `0x10` as 16, `1e3` as 1000 and an empty
 * value as 0, so `?offset=` would quietly mean the first page.
 */
export function QueryNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
  );
}
