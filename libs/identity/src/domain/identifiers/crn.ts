import {
  compact,
  invalidIdentifier,
  placeholderIdentifier,
  valid,
  type IdentifierValidation,
} from './identifier-validation';

/**
 * What a form is filled with when the reference is not known: the digits all 0 or all 9, or the
 * format's textbook example, which this service printed in its own messages once.
 */
const isPlaceholder = (text: string): boolean => /^[A-Z](0{6}|9{6})$/.test(text) || text === 'X123456';

/** Probation case reference number (CRN): a letter, six digits. Format only, it has no check character. */
export function validateCrn(value: string): IdentifierValidation {
  const text = compact(value);
  if (!/^[A-Z]\d{6}$/.test(text)) {
    return invalidIdentifier('crn.format', 'A CRN is one letter, then six digits');
  }
  if (isPlaceholder(text)) {
    return placeholderIdentifier(
      'crn',
      "A CRN with the digits all 0 or all 9, or the format's example, is a placeholder, not anyone's: leave it out",
    );
  }
  return valid(text);
}
