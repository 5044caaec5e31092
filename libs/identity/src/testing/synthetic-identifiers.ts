import {
  mod23CheckCharacter,
  nhsCheckDigit,
  validateCrn,
  validateNhsNumber,
  validateNoms,
} from '../domain/identifiers';
import type { SeededRandom } from './seeded-random';

const digits = (random: SeededRandom, count: number): string =>
  Array.from({ length: count }, () => String(random.int(0, 9))).join('');
/** A serial other than 0: serial 0 is never issued, and is refused as a placeholder. */
function serialDigits(random: SeededRandom, count: number): string {
  for (;;) {
    const serial = digits(random, count);
    if (/[1-9]/.test(serial)) return serial;
  }
}
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const letter = (random: SeededRandom): string => LETTERS.charAt(random.int(0, LETTERS.length - 1));

/** `YYYY/NNNNNNNC` with a correct check character. */
export function syntheticPnc(random: SeededRandom, firstArrestYear: number): string {
  const year = String(firstArrestYear);
  const serial = serialDigits(random, 7);
  return `${year}/${serial}${mod23CheckCharacter(year.slice(-2) + serial)}`;
}

/** Standard-form CRO number `NNNNNN/YYC` with a correct check character. */
export function syntheticCro(random: SeededRandom, year: number): string {
  const shortYear = String(year).slice(-2);
  const serial = serialDigits(random, 6);
  return `${serial}/${shortYear}${mod23CheckCharacter(shortYear + serial)}`;
}

/** NHS number in the 999 range, which is never issued, with a valid check digit (and not 9999999999). */
export function syntheticNhsNumber(random: SeededRandom): string {
  for (;;) {
    const nine = `999${digits(random, 6)}`;
    const check = nhsCheckDigit(nine);
    if (check !== undefined && validateNhsNumber(`${nine}${check}`).ok) return `${nine}${check}`;
  }
}

/** Drawn again while a draw is a placeholder (digits all 0 or all 9, the format's example), refused on input. */
function drawn(draw: () => string, validate: (value: string) => { ok: boolean }): string {
  for (;;) {
    const value = draw();
    if (validate(value).ok) return value;
  }
}

export const syntheticNoms = (random: SeededRandom): string =>
  drawn(() => `${letter(random)}${digits(random, 4)}${letter(random)}${letter(random)}`, validateNoms);

export const syntheticCrn = (random: SeededRandom): string =>
  drawn(() => `${letter(random)}${digits(random, 6)}`, validateCrn);

/**
 * A keying error: one digit changed. Check characters catch most of these (not NOMS/CRN).
 * The first `keep` characters stay, so a mistyped synthetic NHS number never leaves the 999 range.
 */
export function mistypeIdentifier(random: SeededRandom, value: string, keep = 0): string {
  const positions = [...value].flatMap((char, index) => (index >= keep && /\d/.test(char) ? [index] : []));
  if (positions.length === 0) return value;
  const at = random.pick(positions);
  const old = Number(value.charAt(at));
  const replacement = (old + random.int(1, 9)) % 10;
  return value.slice(0, at) + String(replacement) + value.slice(at + 1);
}
