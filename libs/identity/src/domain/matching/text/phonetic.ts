import doubleMetaphone from 'talisman/phonetics/double-metaphone';

/**
 * Double Metaphone codes (primary, then the alternate when it differs) of one normalised token.
 * Double Metaphone copes with the non-English origins common in UK referrals better than
 * Soundex (e.g. it gives SMT for both Schmidt and Smith, XN/SN for Sean).
 */
export function phoneticCodes(token: string): string[] {
  if (token === '') return [];
  const [primary, alternate] = doubleMetaphone(token);
  if (primary === '') return [];
  return alternate === '' || alternate === primary ? [primary] : [primary, alternate];
}

export function sharePhoneticCode(a: readonly string[], b: readonly string[]): boolean {
  for (const code of a) if (b.includes(code)) return true;
  return false;
}
