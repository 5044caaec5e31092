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
 * Criminal Records Office number, two forms:
 * - standard `NNNNNN/YYC`: serial (1-6 digits) / 2-digit year, check character.
 * - small-format `SF YY/NNNNNNC` (SF numbers, issued since the 1990s): year first.
 *
 * Which digits feed the mod-23 check (same alphabet as the PNC):
 * - standard form: the 2-digit YEAR followed by the SERIAL ZERO-PADDED TO 6 digits, read as
 *   one number (the year comes first even though it is written second). Padding is safe
 *   because leading zeros of the serial are often dropped on paper.
 * - SF form: the 2-digit year followed by the serial EXACTLY AS WRITTEN (no padding). SF serials
 *   are issued and written at full width; this matches how HMPPS systems validate them, and we
 *   keep the written digits in the canonical form so the check stays verifiable.
 *
 * Canonical forms: `NNNNNN/YYC` (serial padded to 6) and `SFYY/NNNNNNC` (no space).
 */
const STANDARD_PATTERN = /^(\d{1,6})\/(\d{2})([A-Z])$/;
const SMALL_FORMAT_PATTERN = /^SF(\d{2})\/(\d{1,6})([A-Z])$/;

export function validateCro(value: string): IdentifierValidation {
  const text = compact(value);
  const standard = STANDARD_PATTERN.exec(text);
  if (standard !== null) {
    const [, serial = '', year = '', check = ''] = standard;
    const paddedSerial = serial.padStart(6, '0');
    return checked(year + paddedSerial, serial, check, `${paddedSerial}/${year}${check}`);
  }
  const smallFormat = SMALL_FORMAT_PATTERN.exec(text);
  if (smallFormat !== null) {
    const [, year = '', serial = '', check = ''] = smallFormat;
    return checked(year + serial, serial, check, `SF${year}/${serial}${check}`);
  }
  return invalidIdentifier(
    'cro.format',
    'A CRO number is a serial of up to 6 digits, a slash, a 2-digit year and a check letter (NNNNNN/YYC), or SF, the year, a slash, the serial and a check letter (SF YY/NNNNNNC)',
  );
}

function checked(digits: string, serial: string, check: string, canonical: string): IdentifierValidation {
  const expected = mod23CheckCharacter(digits);
  // The expected character is not given: copied in, it would make the mistyped number pass as someone's.
  if (check !== expected) {
    return invalidIdentifier('cro.check-character', mistyped('CRO number', 'check character'));
  }
  // Serial 0 is never issued; with it any year passes its check (`000000/00Z`).
  if (/^0+$/.test(serial)) {
    return placeholderIdentifier('cro', "A CRO number with serial 0 is a placeholder, not anyone's: leave it out");
  }
  return valid(canonical);
}
