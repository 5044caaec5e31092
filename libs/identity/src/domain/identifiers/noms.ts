import {
  compact,
  invalidIdentifier,
  placeholderIdentifier,
  valid,
  type IdentifierValidation,
} from './identifier-validation';

/**
 * What a form is filled with when the number is not known: the digits all 0 or all 9, or the
 * format's textbook example, which this service printed in its own messages once.
 */
const isPlaceholder = (text: string): boolean => /^[A-Z](0{4}|9{4})[A-Z]{2}$/.test(text) || text === 'A1234BC';

/** Prison (NOMS) number: a letter, four digits, two letters. Format only, it has no check character. */
export function validateNoms(value: string): IdentifierValidation {
  const text = compact(value);
  if (!/^[A-Z]\d{4}[A-Z]{2}$/.test(text)) {
    return invalidIdentifier('noms.format', 'A NOMS number is one letter, then four digits, then two letters');
  }
  if (isPlaceholder(text)) {
    return placeholderIdentifier(
      'noms',
      "A NOMS number with the digits all 0 or all 9, or the format's example, is a placeholder, not anyone's: leave it out",
    );
  }
  return valid(text);
}
