/**
 * Text normalisation shared by names and addresses: upper-case ASCII letters, digits and single
 * spaces. Referral forms arrive typed by many agencies, so "O'Brien", "OBRIEN" and "o brien"
 * must compare equal, and accented names ("Łukasz", "Şükrü", "Zoë") must meet their unaccented
 * spellings.
 */

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ı: 'i',
  Þ: 'TH',
  þ: 'th',
};
const SPECIAL_LETTER_PATTERN = /[ŁłØøĐđßÆæŒœıÞþ]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function toAsciiUpper(text: string): string {
  return text
    .replace(SPECIAL_LETTER_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase();
}

/**
 * Apostrophes and full stops join (O'Brien -> OBRIEN, St. -> ST); any other non-alphanumeric
 * run (hyphens, commas, slashes) separates tokens (Smith-Jones -> SMITH JONES).
 */
export function normaliseText(text: string): string {
  return toAsciiUpper(text)
    .replace(/['’`.]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export function tokens(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}
