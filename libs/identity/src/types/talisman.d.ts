// talisman 1.1.4 ships CommonJS without type declarations; we declare only what we use.
declare module 'talisman/phonetics/double-metaphone' {
  /** Returns the primary and alternate Double Metaphone codes (each at most 4 characters). */
  export default function doubleMetaphone(word: string): [string, string];
}
