// talisman 1.1.4 ships CommonJS without type declarations; we declare only what we use.
declare module 'talisman/phonetics/double-metaphone' {
  /** Returns the primary and alternate Double Metaphone codes (each at most 4 characters). */
  export default function doubleMetaphone(word: string): [string, string];
}

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1]; used only as a reference in tests. */
  export default function jaroWinkler(a: string, b: string): number;
}
