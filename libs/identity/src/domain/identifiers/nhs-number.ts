import { nhsCheckDigit } from './check-characters';
import { invalidIdentifier, valid, type IdentifierValidation } from './identifier-validation';

/**
 * NHS number: 10 digits, the last a modulus-11 check digit. Spaces and dashes are accepted on
 * input (`943 476 5919`, `943-476-5919`) and dropped; the canonical form is the bare 10 digits.
 */
export function validateNhsNumber(value: string): IdentifierValidation {
  const digits = value.replace(/[\s-]+/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return invalidIdentifier('nhsNumber.format', 'An NHS number has 10 digits, e.g. 943 476 5919');
  }
  const expected = nhsCheckDigit(digits.slice(0, 9));
  if (expected === undefined) {
    return invalidIdentifier('nhsNumber.check-digit', 'No NHS number is issued with these first nine digits');
  }
  if (digits.charCodeAt(9) - 48 !== expected) {
    return invalidIdentifier('nhsNumber.check-digit', `The NHS number's check digit should be ${expected}`);
  }
  return valid(digits);
}
