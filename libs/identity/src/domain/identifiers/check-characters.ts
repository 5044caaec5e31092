/**
 * Check characters used by UK criminal-justice and health identifiers. Pure arithmetic, no
 * formatting: the per-identifier modules decide which digits feed the check.
 */

/** PNC and CRO check alphabet: index = number mod 23 (I, O and S are left out to avoid misreading). */
export const MOD23_ALPHABET = 'ZABCDEFGHJKLMNPQRTUVWXY';

/**
 * The mod-23 check character of a run of decimal digits read as one number. The number can
 * exceed 2^53 only for inputs far longer than any identifier, but we reduce digit by digit
 * anyway so that the result never depends on floating-point precision.
 */
export function mod23CheckCharacter(digits: string): string {
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) remainder = (remainder * 10 + (digits.charCodeAt(i) - 48)) % 23;
  return MOD23_ALPHABET.charAt(remainder);
}

/**
 * NHS number check digit (modulus 11, weights 10..2 over the first nine digits).
 * Returns `undefined` when the remainder gives 10: such numbers are never issued.
 */
export function nhsCheckDigit(firstNineDigits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (firstNineDigits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}
