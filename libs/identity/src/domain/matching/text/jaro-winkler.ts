/**
 * Jaro-Winkler similarity (Winkler 1990): Jaro similarity boosted for a common prefix of up to
 * four characters, with the usual scaling factor 0.1, applied only above a Jaro of 0.7.
 *
 * Written here rather than taken from a library because it runs for every candidate pair
 * (hundreds per match) and must not allocate: the two match-flag buffers are reused, which is
 * safe because the function never yields part-way through.
 */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
const BOOST_THRESHOLD = 0.7;

let leftMatched = new Uint8Array(64);
let rightMatched = new Uint8Array(64);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  if (leftMatched.length < lengthA) leftMatched = new Uint8Array(lengthA * 2);
  if (rightMatched.length < lengthB) rightMatched = new Uint8Array(lengthB * 2);
  leftMatched.fill(0, 0, lengthA);
  rightMatched.fill(0, 0, lengthB);

  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lengthB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (rightMatched[j] === 0 && b.charCodeAt(j) === code) {
        leftMatched[i] = 1;
        rightMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if (leftMatched[i] === 0) continue;
    while (rightMatched[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const jaro = (matches / lengthA + matches / lengthB + (matches - halfTranspositions / 2) / matches) / 3;
  if (jaro <= BOOST_THRESHOLD) return jaro;

  let prefix = 0;
  const prefixLimit = Math.min(MAX_PREFIX, lengthA, lengthB);
  while (prefix < prefixLimit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

/**
 * Whether two strings of these lengths could be at least `threshold` similar, answered without
 * comparing letters: Jaro counts at most the shorter length as matching, so it is at most
 * (2 + shorter / longer) / 3, and the prefix boost adds at most 0.4 of the rest. `ALI` and
 * `MOHAMMED` (3 and 8 letters) can never reach 0.95. A bound, never a verdict: true only says
 * that the similarity must be worked out.
 */
export function lengthsAllowSimilarity(lengthA: number, lengthB: number, threshold: number): boolean {
  const longer = Math.max(lengthA, lengthB);
  if (longer === 0) return false;
  const jaroAtMost = (2 + Math.min(lengthA, lengthB) / longer) / 3;
  const atMost = jaroAtMost <= BOOST_THRESHOLD ? jaroAtMost : jaroAtMost + MAX_PREFIX * PREFIX_SCALE * (1 - jaroAtMost);
  // The margin keeps a bound computed in floating point from ruling out a pair that reaches it.
  return atMost >= threshold - 1e-9;
}
