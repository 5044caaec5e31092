import { nhsCheckDigit } from './check-characters';
import {
  invalidIdentifier,
  mistyped,
  placeholderIdentifier,
  valid,
  type IdentifierValidation,
} from './identifier-validation';

/**
 * Every repdigit passes modulus 11 (the weights sum to 54, and 54·d ≡ −d, so the check digit is
 * d), and so do the two runs: they are what a form is filled with when the number is not known.
 * The rest of the 999 range is left alone: it is never issued, so synthetic data and tests use it.
 */
const PLACEHOLDERS = new Set([
  '0123456789',
  '9876543210',
  ...Array.from({ length: 10 }, (_, d) => String(d).repeat(10)),
]);

/**
 * NHS number: 10 digits, the last a modulus-11 check digit. Spaces and dashes are accepted on
 * input (`943 476 5919`, `943-476-5919`) and dropped; the canonical form is the bare 10 digits.
 */
export function validateNhsNumber(value: string): IdentifierValidation {
  const digits = value.replace(/[\s-]+/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return invalidIdentifier(
      'nhsNumber.format',
      'An NHS number is 10 digits (spaces or dashes between them are ignored)',
    );
  }
  const expected = nhsCheckDigit(digits.slice(0, 9));
  if (expected === undefined) {
    return invalidIdentifier('nhsNumber.check-digit', 'No NHS number is issued with these first nine digits');
  }
  // The expected digit is not given: copied in, it would make the mistyped number pass as someone's.
  if (digits.charCodeAt(9) - 48 !== expected) {
    return invalidIdentifier('nhsNumber.check-digit', mistyped('NHS number', 'check digit'));
  }
  if (PLACEHOLDERS.has(digits)) {
    return placeholderIdentifier('nhsNumber', `${digits} is a placeholder, not anyone's NHS number: leave it out`);
  }
  return valid(digits);
}
