import { mod23CheckCharacter, nhsCheckDigit } from '../domain/identifiers';
import type { SeededRandom } from './seeded-random';

const digits = (random: SeededRandom, count: number): string =>
  Array.from({ length: count }, () => String(random.int(0, 9))).join('');
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const letter = (random: SeededRandom): string => LETTERS.charAt(random.int(0, LETTERS.length - 1));

/** `YYYY/NNNNNNNC` with a correct check character. */
export function syntheticPnc(random: SeededRandom, firstArrestYear: number): string {
  const year = String(firstArrestYear);
  const serial = digits(random, 7);
  return `${year}/${serial}${mod23CheckCharacter(year.slice(-2) + serial)}`;
}

/** Standard-form CRO number `NNNNNN/YYC` with a correct check character. */
export function syntheticCro(random: SeededRandom, year: number): string {
  const shortYear = String(year).slice(-2);
  const serial = digits(random, 6);
  return `${serial}/${shortYear}${mod23CheckCharacter(shortYear + serial)}`;
}

/** NHS number in the 999 range, which is never issued, with a valid check digit. */
export function syntheticNhsNumber(random: SeededRandom): string {
  for (;;) {
    const nine = `999${digits(random, 6)}`;
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

export const syntheticNoms = (random: SeededRandom): string =>
  `${letter(random)}${digits(random, 4)}${letter(random)}${letter(random)}`;

export const syntheticCrn = (random: SeededRandom): string => `${letter(random)}${digits(random, 6)}`;

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
