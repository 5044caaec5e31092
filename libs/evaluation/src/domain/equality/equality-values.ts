/**
 * Ethnicity, disability and first language as a fixed vocabulary, read from what a worker typed.
 * The lifecycle accepts free text (clients send it), and free text has carried an address beside
 * an ethnicity ("White British, lives at 12 Elm Road"). So a value is recognised only when the
 * whole text names it (for the ethnic group, the first clause may: see `readEthnicity`); anything
 * more or else is `not-recognised` (for language, `other`), and the text itself never reaches a
 * report or an export.
 */
import {
  ETHNIC_CATEGORIES,
  ETHNIC_GROUPS,
  GROUP_NAMES,
  type EthnicCategory,
  type EthnicCategoryDefinition,
  type EthnicGroup,
} from './census-ethnic-groups';

export const NOT_RECORDED = 'not-recorded';
export const NOT_STATED = 'not-stated';
export const NOT_RECOGNISED = 'not-recognised';
export type Unplaced = typeof NOT_RECORDED | typeof NOT_STATED | typeof NOT_RECOGNISED;

export interface EthnicityReading {
  readonly group: EthnicGroup | Unplaced;
  readonly category: EthnicCategory | Unplaced;
}

export const DISABILITY_VALUES = ['yes', 'no', NOT_STATED, NOT_RECORDED, NOT_RECOGNISED] as const;
export type DisabilityValue = (typeof DISABILITY_VALUES)[number];

export const FIRST_LANGUAGE_VALUES = ['english', 'other', NOT_RECORDED] as const;
export type FirstLanguageValue = (typeof FIRST_LANGUAGE_VALUES)[number];

/** Case, accents, punctuation and spacing do not matter; "&" reads as "and". */
export function textKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const keys = (values: readonly string[]): Set<string> => new Set(values.map(textKey));

// Said in so many words that nothing was recorded: the same as a missing value.
const SAYS_NOT_RECORDED = keys(['', 'not recorded', 'not known', 'unknown']);
const SAYS_NOT_STATED = keys([
  'not stated',
  'NS',
  'prefer not to say',
  'prefers not to say',
  'preferred not to say',
  'declined',
  'declined to say',
  'declined to state',
  'refused',
]);

/** Every way of writing a category, checked once: one spelling can never name two categories. */
function categoryByKey(): Map<string, EthnicCategory> {
  const byKey = new Map<string, EthnicCategory>();
  const add = (text: string, category: EthnicCategory): void => {
    const key = textKey(text);
    const known = byKey.get(key);
    if (known !== undefined && known !== category) throw new Error(`"${text}" would name ${known} and ${category}`);
    byKey.set(key, category);
  };
  for (const category of Object.keys(ETHNIC_CATEGORIES) as EthnicCategory[]) {
    const definition: EthnicCategoryDefinition = ETHNIC_CATEGORIES[category];
    add(category, category);
    for (const code of definition.codes ?? []) add(code, category);
    for (const name of definition.names) add(name, category);
    for (const groupName of GROUP_NAMES[definition.group])
      for (const name of [...definition.names, ...(definition.afterGroup ?? [])]) add(`${groupName} ${name}`, category);
  }
  return byKey;
}

const CATEGORY_BY_KEY = categoryByKey();
const GROUP_BY_KEY = new Map<string, EthnicGroup>(
  (Object.keys(ETHNIC_GROUPS) as EthnicGroup[]).flatMap((group) =>
    [group, ETHNIC_GROUPS[group], ...GROUP_NAMES[group]].map((name) => [textKey(name), group] as const),
  ),
);

const unplaced = (value: Unplaced): EthnicityReading => ({ group: value, category: value });

/** The group a piece of text names, by a category or by the group's own name. */
function groupNamed(key: string): EthnicGroup | undefined {
  const category = CATEGORY_BY_KEY.get(key);
  return category === undefined ? GROUP_BY_KEY.get(key) : ETHNIC_CATEGORIES[category].group;
}

/**
 * The group when the first clause names one and no later clause names another ("White British,
 * lives at 12 Elm Road" is White; "White British, Black Caribbean" is not recognised). Only the
 * whole text gives a detailed category: a note after it may qualify the category, seldom the group.
 */
function groupOfFirstClause(recorded: string): EthnicGroup | undefined {
  const groups = recorded.split(/[,;(\n]/).map((clause) => groupNamed(textKey(clause)));
  const [first, ...rest] = groups;
  return first !== undefined && rest.every((group) => group === undefined || group === first) ? first : undefined;
}

/**
 * The census group and category a recorded ethnicity names. A group named alone ("White",
 * "Black British") gives the group and a category `not-recognised`; so does a category followed by
 * a note (see `groupOfFirstClause`).
 */
export function readEthnicity(recorded: string | null | undefined): EthnicityReading {
  const key = textKey(recorded ?? '');
  if (SAYS_NOT_RECORDED.has(key)) return unplaced(NOT_RECORDED);
  if (SAYS_NOT_STATED.has(key)) return unplaced(NOT_STATED);
  const category = CATEGORY_BY_KEY.get(key);
  if (category !== undefined) return { group: ETHNIC_CATEGORIES[category].group, category };
  const group = GROUP_BY_KEY.get(key) ?? groupOfFirstClause(recorded ?? '');
  return group === undefined ? unplaced(NOT_RECOGNISED) : { group, category: NOT_RECOGNISED };
}

const SAYS_YES = keys(['yes', 'y', 'disabled', 'yes disabled', 'has a disability']);
const SAYS_NO = keys(['no', 'n', 'none', 'not disabled', 'no disability', 'no disabilities']);

/**
 * Whether the person is disabled, as recorded. A description of an impairment ("hearing
 * impaired: prefers text") is `not-recognised`: it is not a yes/no answer, and it is free text.
 */
export function readDisability(recorded: string | null | undefined): DisabilityValue {
  const key = textKey(recorded ?? '');
  if (SAYS_NOT_RECORDED.has(key)) return NOT_RECORDED;
  if (SAYS_NOT_STATED.has(key)) return NOT_STATED;
  if (SAYS_YES.has(key)) return 'yes';
  if (SAYS_NO.has(key)) return 'no';
  return NOT_RECOGNISED;
}

const SAYS_ENGLISH = keys(['english', 'en', 'eng', 'en-GB', 'English (UK)', 'UK English', 'British English']);

/**
 * First or main language: English or another. Anything but English alone is `other`: "English
 * and Polish" or "Polish (interpreter needed)" both say the person may need another language.
 */
export function readFirstLanguage(recorded: string | null | undefined): FirstLanguageValue {
  const key = textKey(recorded ?? '');
  if (SAYS_NOT_RECORDED.has(key) || SAYS_NOT_STATED.has(key)) return NOT_RECORDED;
  return SAYS_ENGLISH.has(key) ? 'english' : 'other';
}
