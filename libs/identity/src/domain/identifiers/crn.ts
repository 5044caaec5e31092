import { compact, invalidIdentifier, valid, type IdentifierValidation } from './identifier-validation';

/** Probation case reference number (CRN) `X123456`: format only, it has no check character. */
export function validateCrn(value: string): IdentifierValidation {
  const text = compact(value);
  if (!/^[A-Z]\d{6}$/.test(text)) {
    return invalidIdentifier('crn.format', 'A CRN is a letter followed by six digits, e.g. X123456');
  }
  return valid(text);
}
