import type { SeededRandom } from './seeded-random';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** One keying error: a substituted, dropped, doubled or transposed letter (never the first letter). */
export function typo(random: SeededRandom, word: string): string {
  if (word.length < 3) return word;
  const at = random.int(1, word.length - 2);
  const kind = random.int(0, 3);
  const next = word.charAt(at + 1);
  if (kind === 0) return word.slice(0, at) + ALPHABET.charAt(random.int(0, 25)) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 2) return word.slice(0, at) + word.charAt(at) + word.slice(at);
  return word.slice(0, at) + next + word.charAt(at) + word.slice(at + 2);
}
