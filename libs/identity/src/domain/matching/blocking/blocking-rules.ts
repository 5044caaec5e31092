import type { ComparisonName } from '../comparisons/comparison-levels';
import type { PreparedName, PreparedRecord } from '../prepared-record';
import type { NamePart } from '../text/name-part';
import { nicknameGroupName } from '../text/nicknames';

/**
 * A blocking rule names the records worth comparing: two records are candidates when they share
 * at least one key of at least one rule. Keys are prefixed per rule so rules never collide.
 *
 * `fixes` lists the comparisons the rule's keys constrain: pairs found by the rule are biased
 * on those (all pairs sharing a birth year look alike on date of birth), so EM must not learn
 * their m values from this rule's pairs.
 */
export interface BlockingRule {
  readonly name: string;
  readonly fixes: readonly ComparisonName[];
  readonly keys: (record: PreparedRecord) => readonly string[];
  /**
   * Its blocks are looked up whatever the index's candidate budget: what they find decides a link
   * on its own (an equal identifier), so the budget must never lose it.
   */
  readonly beyondBudget?: boolean;
}

/**
 * The primary phonetic code of the forename a person is called by, plus its nickname group
 * (Bob -> ROBERT). Alternate codes are left out of keys (not of comparisons): they double the
 * keys for little gain, since the other rules catch what a code mismatch misses.
 */
function forenameKeys(name: NamePart): string[] {
  const keys = name.firstCodes.slice(0, 1);
  for (const group of name.firstNicknameGroups) keys.push(`=${nicknameGroupName(group)}`);
  return keys;
}

/**
 * Names keyed per record: the recorded name and the first aliases. Each name brings blocks of up
 * to the index's block size, so twenty aliases keyed would make a record meet thousands of
 * others; the aliases past the cap are still compared with every candidate the keys find.
 */
export const MAX_NAMES_KEYED = 10;

const keyedNames = (record: PreparedRecord): readonly PreparedName[] => record.names.slice(0, MAX_NAMES_KEYED);

const unique = (keys: string[]): string[] => (keys.length < 2 ? keys : [...new Set(keys)]);

/** Any equal valid identifier: the deterministic layer needs these pairs whatever the names say. */
export const SAME_IDENTIFIER: BlockingRule = {
  name: 'same-identifier',
  fixes: ['identifiers'],
  beyondBudget: true,
  keys: (record) => record.identifiers.map((identifier) => `i:${identifier.kind}:${identifier.value}`),
};

/** Surname sound + birth year: survives forename nicknames, typos and day/month errors. */
export const SURNAME_SOUND_AND_BIRTH_YEAR: BlockingRule = {
  name: 'surname-sound-and-birth-year',
  fixes: ['surname', 'dateOfBirth'],
  keys: (record) => {
    if (record.dateOfBirth === undefined) return [];
    const keys: string[] = [];
    for (const { surname } of keyedNames(record)) {
      const code = surname?.compactCodes[0];
      if (code !== undefined) keys.push(`s:${code}:${record.dateOfBirth.year}`);
    }
    return unique(keys);
  },
};

/**
 * Full date of birth alone: survives any change to names and address. Dates spread people thinly
 * (about 22,000 dates over 60 years), so even 200,000 people give blocks of ten or so.
 */
export const DATE_OF_BIRTH: BlockingRule = {
  name: 'date-of-birth',
  fixes: ['dateOfBirth'],
  keys: (record) => (record.dateOfBirth === undefined ? [] : [`d:${record.dateOfBirth.digits}`]),
};

/**
 * Forename and surname sounds in either order, without date of birth: survives a wrong date of
 * birth and swapped forename/surname. The most common names make big blocks, which the index caps.
 * Each name is keyed as the pair it is: an alias's forenames are never keyed with another name's
 * surname (Mohammed x Smith names nobody the record is known as).
 */
export const NAME_SOUNDS_ANY_ORDER: BlockingRule = {
  name: 'name-sounds-any-order',
  fixes: ['forename', 'surname', 'nameOrder'],
  keys: (record) => {
    const keys: string[] = [];
    for (const { forenames, surname } of keyedNames(record)) {
      const surnameCode = surname?.compactCodes[0];
      if (forenames === undefined || surnameCode === undefined) continue;
      for (const forenameKey of forenameKeys(forenames)) {
        keys.push(forenameKey < surnameCode ? `n:${forenameKey}:${surnameCode}` : `n:${surnameCode}:${forenameKey}`);
      }
    }
    return unique(keys);
  },
};

/** Full postcode + sex: survives a wrong date of birth together with a changed name. */
export const POSTCODE_AND_SEX: BlockingRule = {
  name: 'postcode-and-sex',
  fixes: ['residence', 'sex'],
  keys: (record) =>
    record.postcode?.full === undefined || record.sex === undefined ? [] : [`p:${record.postcode.full}:${record.sex}`],
};

/**
 * Full postcode + the initials of forename and surname in either order: survives a wrong or
 * missing date of birth together with misspelt names, when sex is not recorded.
 */
export const POSTCODE_AND_INITIALS: BlockingRule = {
  name: 'postcode-and-initials',
  fixes: ['residence'],
  keys: (record) => {
    const forename = record.forenames?.first.charAt(0);
    const surname = record.surname?.first.charAt(0);
    const postcode = record.postcode?.full;
    if (postcode === undefined || forename === undefined || surname === undefined) return [];
    const initials = forename < surname ? forename + surname : surname + forename;
    return [`pi:${postcode}:${initials}`];
  },
};

/**
 * Full postcode + the sound of either name as recorded (the surname's, or the forename's with its
 * nickname group): survives a wrong or missing date of birth together with the other name changed
 * (a married surname, a known-as forename) when sex is not recorded on both records, which
 * `POSTCODE_AND_SEX` needs; `POSTCODE_AND_INITIALS` needs both names' initials. Sex is optional on
 * a referral (`other` and `unknown` count as missing): without this, such a record met nobody at
 * its own postcode (FEBRL records no sex: 12 true pairs of its dataset3 meet through this key
 * alone). As recorded only, like the initials: keying every alias at the postcode too would
 * multiply a record's keys.
 */
export const POSTCODE_AND_NAME_SOUND: BlockingRule = {
  name: 'postcode-and-name-sound',
  // Its pairs share a home and one name's sound: EM must not learn either name's m from them.
  fixes: ['residence', 'forename', 'surname', 'nameOrder'],
  keys: (record) => {
    const postcode = record.postcode?.full;
    if (postcode === undefined) return [];
    const keys: string[] = [];
    const surnameCode = record.surname?.compactCodes[0];
    if (surnameCode !== undefined) keys.push(`pn:${postcode}:${surnameCode}`);
    if (record.forenames !== undefined) {
      for (const forenameKey of forenameKeys(record.forenames)) keys.push(`pn:${postcode}:${forenameKey}`);
    }
    return unique(keys);
  },
};

/**
 * House number(s) + the sound of the street's first word + postcode area: survives changes to
 * every personal detail when the address stays (and most mistyped postcodes). Blocks are
 * households, or a few of them.
 */
export const HOUSE_AND_STREET: BlockingRule = {
  name: 'house-and-street',
  fixes: ['residence'],
  keys: (record) => {
    const address = record.address;
    if (address === undefined || address.numbers === '' || address.streetSound === '') return [];
    // The postcode area (N, SE, B...) keeps "1 High Street" from meeting every town's.
    const area =
      record.postcode === undefined
        ? ''
        : /^[A-Z]*/.exec(record.postcode.outward ?? '')?.[0] || (record.postcode.full ?? '').charAt(0);
    return [`a:${address.numbers}:${address.streetSound}:${area}`];
  },
};

export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  SAME_IDENTIFIER,
  DATE_OF_BIRTH,
  SURNAME_SOUND_AND_BIRTH_YEAR,
  NAME_SOUNDS_ANY_ORDER,
  POSTCODE_AND_SEX,
  POSTCODE_AND_INITIALS,
  POSTCODE_AND_NAME_SOUND,
  HOUSE_AND_STREET,
];

/** Every key of a record under the given rules. */
export function blockingKeys(record: PreparedRecord, rules: readonly BlockingRule[]): string[] {
  const keys: string[] = [];
  for (const rule of rules) for (const key of rule.keys(record)) keys.push(key);
  return keys;
}
