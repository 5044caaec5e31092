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
 * of their own. A name followed by a street word in the same part of the text, only spaces
 * between ("12 Enfield Road, Hackney", "Enfield St"), is a street, not the borough, so it does not
 * count there; after punctuation the word begins another part ("Haringey, St Ann's ward") and the
 * borough counts. The City of London counts only named on its own, no word following it in the
 * same part: its name heads those of schools, the police, a cemetery and more, most of them
 * elsewhere ("N17 Haringey (City of London school)" names Haringey alone).
 *
 * A text naming a home borough and another borough ("Barnet, near Enfield", "Hackney (school in
 * Haringey)") cannot say which one the child lives in, so a new residence like that is refused
 * (`checkResidenceNamesOneBorough`) rather than guessed. Residences recorded before that rule are
 * still read as the home borough named first, as they always were: the error keeps a child on the
 * follow-up rather than dropping them, and a coordinator corrects the residence to fix it.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import { LONDON_BOROUGHS } from '../vocabulary/london-boroughs';

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

/** Names that count only with no word after them in the same part of the text. */
const NAMED_ONLY_ON_THEIR_OWN: ReadonlySet<string> = new Set(['city of london']);

interface Word {
  readonly text: string;
  /** Only spaces since the word before, so the two may be one name ("Enfield Road"). */
  readonly joined: boolean;
}

/** The lower-case words of a text: accents dropped, "&" read as "and", anything else splits. */
function wordsOf(text: string): Word[] {
  const normal = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/&/g, ' and ');
  const words: Word[] = [];
  for (const [, before = '', word = ''] of normal.matchAll(/([^\p{L}\p{N}]*)([\p{L}\p{N}]+)/gu)) {
    words.push({ text: word, joined: words.length > 0 && /^\s+$/u.test(before) });
  }
  return words;
}

const textsOf = (name: string): string[] => wordsOf(name).map((word) => word.text);

/** Where `run` first appears as consecutive words of `words` naming the borough (not a street), or -1. */
function firstRun(words: readonly Word[], run: readonly string[]): number {
  if (run.length === 0) return -1;
  const onItsOwn = NAMED_ONLY_ON_THEIR_OWN.has(run.join(' '));
  for (let start = 0; start + run.length <= words.length; start++) {
    if (!run.every((word, k) => words[start + k]?.text === word)) continue;
    const next = words[start + run.length];
    const continued = next !== undefined && next.joined;
    if (continued && (onItsOwn || STREET_WORDS.has(next.text))) continue;
    return start;
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
    const start = firstRun(words, textsOf(borough));
    if (start !== -1 && start < at) {
      named = borough;
      at = start;
    }
  }
  return named;
}

/**
 * Every borough of `boroughs` that `residence` names, each once, in the order the text names
 * them (a borough listed twice, or in two spellings of the same words, counts once).
 */
export function boroughsNamed<Borough extends string>(residence: string, boroughs: readonly Borough[]): Borough[] {
  const words = wordsOf(residence);
  const found = new Map<string, { borough: Borough; at: number }>();
  for (const borough of boroughs) {
    const key = textsOf(borough).join(' ');
    const at = firstRun(words, textsOf(borough));
    if (at !== -1 && !found.has(key)) found.set(key, { borough, at });
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ borough }) => borough);
}

/**
 * A new residence names at most one borough when it names a home borough: "Barnet, near Enfield"
 * would count a Barnet child as Enfield's and refuse them the out-of-area MASH referral. Refused
 * as `invalid` naming `field` (the referral route names `alliance.residence`), asking for the one
 * borough the child lives in. A text naming no home borough is out of area whatever else it
 * names, so it is not asked about.
 */
export function checkResidenceNamesOneBorough(
  residence: string,
  homeBoroughs: readonly string[],
  field: string,
): string {
  if (homeBoroughNamed(residence, homeBoroughs) === null) return residence;
  const named = boroughsNamed(residence, [...homeBoroughs, ...LONDON_BOROUGHS]);
  if (named.length <= 1) return residence;
  throw invalid(
    field,
    CASE_RULES.allianceResidenceAmbiguous,
    `${field} ${JSON.stringify(residence.trim())} names ${named.join(' and ')}; one of the scheme's boroughs ` +
      `(${homeBoroughs.join(', ')}) and another cannot both be where the child lives: give the one borough the child lives in`,
  );
}
