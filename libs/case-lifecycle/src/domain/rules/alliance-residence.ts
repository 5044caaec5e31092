/**
 * Operation Alliance: which of the scheme's home boroughs a child's residence names.
 *
 * Residence is free text typed in a custody suite, so the same borough arrives as "Haringey",
 * "LB Haringey", "London Borough of Enfield", "Haringey Council" or "Tottenham, Haringey". The
 * out-of-area rule and the evaluation's residence groups must read them alike: a home child read
 * as out of area is handed to "their local MASH" and drops off the scheme's follow-up.
 *
 * A home borough is recognised when its name appears as a whole word (or run of words) anywhere
 * in the text, ignoring case, accents and punctuation, with "&" read as "and". The usual
 * prefixes and suffixes ("London Borough of", "LB", "Council", ", London") therefore need no list
 * of their own. A name followed by a street word ("12 Enfield Road, Hackney") is a street, not
 * the borough, so it does not count there. Any other mention of a home borough ("Barnet, near
 * Enfield") is read as living in it: the error keeps a child on the follow-up rather than dropping them.
 */

/** Words that make the name before them a street's ("Enfield Road"), not the borough's. */
const STREET_WORDS: ReadonlySet<string> = new Set([
  'road',
  'rd',
  'street',
  'st',
  'avenue',
  'ave',
  'lane',
  'ln',
  'way',
  'close',
  'drive',
  'dr',
  'grove',
  'gardens',
  'gdns',
  'place',
  'pl',
  'crescent',
  'cres',
  'terrace',
  'court',
  'ct',
  'mews',
  'walk',
  'row',
  'square',
  'sq',
  'parade',
]);

/** The lower-case words of a text: accents dropped, "&" read as "and", anything else splits. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Where `run` first appears as consecutive words of `words` not naming a street, or -1. */
function firstRun(words: readonly string[], run: readonly string[]): number {
  if (run.length === 0) return -1;
  for (let start = 0; start + run.length <= words.length; start++) {
    const next = words[start + run.length];
    const street = next !== undefined && STREET_WORDS.has(next);
    if (!street && run.every((word, k) => words[start + k] === word)) return start;
  }
  return -1;
}

/**
 * The home borough `residence` names, as `homeBoroughs` spells it, or null when it names none.
 * Of two named, the one named first, so that the answer does not depend on the registry's order.
 */
export function homeBoroughNamed<Borough extends string>(
  residence: string,
  homeBoroughs: readonly Borough[],
): Borough | null {
  const words = wordsOf(residence);
  let named: Borough | null = null;
  let at = Number.POSITIVE_INFINITY;
  for (const borough of homeBoroughs) {
    const start = firstRun(words, wordsOf(borough));
    if (start !== -1 && start < at) {
      named = borough;
      at = start;
    }
  }
  return named;
}
