import { mod23CheckCharacter } from './check-characters';
import {
  compact,
  invalidIdentifier,
  mistyped,
  placeholderIdentifier,
  valid,
  type IdentifierValidation,
} from './identifier-validation';

/**
 * Police National Computer ID: `YYYY/NNNNNNNC` or `YY/NNNNNNNC`.
 *
 * Choices (documented because forms in the wild vary):
 * - The slash is optional on input (`79/0163001B` = `790163001B`) since systems export both;
 *   without it the serial must have all 7 digits, otherwise year and serial cannot be told apart.
 * - The serial may be written with 1 to 7 digits; leading zeros are commonly dropped in
 *   correspondence (`79/163001B`), so the serial is zero-padded to 7 digits. The check
 *   character is computed over the padded serial (2-digit year + 7-digit serial as one
 *   number, mod 23), which is what makes padding safe: the padded and unpadded forms denote
 *   the same number.
 * - The canonical form is `YY/NNNNNNNC`. The century is dropped because the check ignores it
 *   and both `1979/…` and `79/…` name the same record.
 */
const WITH_SLASH = /^(\d{4}|\d{2})\/(\d{1,7})([A-Z])$/;
const WITHOUT_SLASH = /^(\d{4}|\d{2})(\d{7})([A-Z])$/;

export function validatePnc(value: string): IdentifierValidation {
  const text = compact(value);
  const match = WITH_SLASH.exec(text) ?? WITHOUT_SLASH.exec(text);
  if (match === null) {
    return invalidIdentifier(
      'pnc.format',
      'A PNC ID is a 4- or 2-digit year, a slash, a serial of up to 7 digits and a check letter (YYYY/NNNNNNNC or YY/NNNNNNNC)',
    );
  }
  const [, year = '', serial = '', check = ''] = match;
  const shortYear = year.slice(-2);
  const paddedSerial = serial.padStart(7, '0');
  const expected = mod23CheckCharacter(shortYear + paddedSerial);
  // The expected character is not given: copied in, it would make the mistyped number pass as someone's.
  if (check !== expected) {
    return invalidIdentifier('pnc.check-character', mistyped('PNC ID', 'check character'));
  }
  // Serial 0 is never issued; with it any year passes its check (`00/0000000Z`).
  if (/^0+$/.test(serial)) {
    return placeholderIdentifier('pnc', "A PNC ID with serial 0 is a placeholder, not anyone's: leave it out");
  }
  return valid(`${shortYear}/${paddedSerial}${check}`);
}
