import { compact, invalidIdentifier, valid, type IdentifierValidation } from './identifier-validation';

/** Prison (NOMS) number `A1234BC`: format only, it has no check character. */
export function validateNoms(value: string): IdentifierValidation {
  const text = compact(value);
  if (!/^[A-Z]\d{4}[A-Z]{2}$/.test(text)) {
    return invalidIdentifier('noms.format', 'A NOMS number is a letter, four digits and two letters, e.g. A1234BC');
  }
  return valid(text);
}
