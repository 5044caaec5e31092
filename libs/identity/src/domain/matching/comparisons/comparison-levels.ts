/**
 * The comparisons a pair of records is scored on, and their levels from strongest to weakest.
 * Each pair falls in exactly one level of each comparison (or none, when a value is missing on
 * either side: missing values carry no weight either way). The order here is the order the
 * model's m/u parameters are listed in and the order levels are tested in.
 */
export const COMPARISON_LEVELS = {
  identifiers: ['agree', 'conflict'],
  forename: [
    'exact',
    'nickname',
    'jaro-winkler-0.95',
    'phonetic',
    'jaro-winkler-0.88',
    'other-forename',
    'alias',
    'else',
  ],
  surname: ['exact', 'jaro-winkler-0.95', 'phonetic', 'jaro-winkler-0.88', 'part', 'alias', 'else'],
  nameOrder: ['as-recorded', 'swapped'],
  dateOfBirth: ['exact', 'day-month-swapped', 'one-digit', 'within-a-year', 'within-ten-years', 'else'],
  residence: ['same-address', 'postcode', 'sector', 'outward', 'else'],
  sex: ['match', 'mismatch'],
} as const;

export type ComparisonName = keyof typeof COMPARISON_LEVELS;
export type LevelName<C extends ComparisonName = ComparisonName> = (typeof COMPARISON_LEVELS)[C][number];

export const COMPARISON_NAMES = Object.keys(COMPARISON_LEVELS) as readonly ComparisonName[];

/** Level index meaning "not compared" (a value missing on either side). */
export const MISSING = -1;

/** Positions of each comparison in a {@link ComparisonVector}. */
export const COMPARISON_INDEX: Readonly<Record<ComparisonName, number>> = Object.fromEntries(
  COMPARISON_NAMES.map((name, index) => [name, index]),
) as Record<ComparisonName, number>;

/** The level index of every comparison, in {@link COMPARISON_NAMES} order; {@link MISSING} when not compared. */
export type ComparisonVector = Int8Array;

export const newComparisonVector = (): ComparisonVector => new Int8Array(COMPARISON_NAMES.length);

const levelIndex = <C extends ComparisonName>(comparison: C, level: LevelName<C>): number =>
  (COMPARISON_LEVELS[comparison] as readonly string[]).indexOf(level);

/** Named level indexes, so the comparison code reads in the domain's words. */
export const FORENAME = {
  exact: levelIndex('forename', 'exact'),
  nickname: levelIndex('forename', 'nickname'),
  jaroWinkler95: levelIndex('forename', 'jaro-winkler-0.95'),
  phonetic: levelIndex('forename', 'phonetic'),
  jaroWinkler88: levelIndex('forename', 'jaro-winkler-0.88'),
  otherForename: levelIndex('forename', 'other-forename'),
  alias: levelIndex('forename', 'alias'),
  else: levelIndex('forename', 'else'),
} as const;

export const SURNAME = {
  exact: levelIndex('surname', 'exact'),
  jaroWinkler95: levelIndex('surname', 'jaro-winkler-0.95'),
  phonetic: levelIndex('surname', 'phonetic'),
  jaroWinkler88: levelIndex('surname', 'jaro-winkler-0.88'),
  part: levelIndex('surname', 'part'),
  alias: levelIndex('surname', 'alias'),
  else: levelIndex('surname', 'else'),
} as const;

export const NAME_ORDER = {
  asRecorded: levelIndex('nameOrder', 'as-recorded'),
  swapped: levelIndex('nameOrder', 'swapped'),
} as const;

export const DATE_OF_BIRTH = {
  exact: levelIndex('dateOfBirth', 'exact'),
  dayMonthSwapped: levelIndex('dateOfBirth', 'day-month-swapped'),
  oneDigit: levelIndex('dateOfBirth', 'one-digit'),
  withinAYear: levelIndex('dateOfBirth', 'within-a-year'),
  withinTenYears: levelIndex('dateOfBirth', 'within-ten-years'),
  else: levelIndex('dateOfBirth', 'else'),
} as const;

export const RESIDENCE = {
  sameAddress: levelIndex('residence', 'same-address'),
  postcode: levelIndex('residence', 'postcode'),
  sector: levelIndex('residence', 'sector'),
  outward: levelIndex('residence', 'outward'),
  else: levelIndex('residence', 'else'),
} as const;

export const SEX = { match: levelIndex('sex', 'match'), mismatch: levelIndex('sex', 'mismatch') } as const;

export const IDENTIFIERS = {
  agree: levelIndex('identifiers', 'agree'),
  conflict: levelIndex('identifiers', 'conflict'),
} as const;

/** The comparison levels of a pair in words, for review queues: `{ forename: 'nickname', ... }`. */
export type MatchLevels = { readonly [C in ComparisonName]: LevelName<C> | 'missing' };

export function describeLevels(vector: ComparisonVector): MatchLevels {
  const entries = COMPARISON_NAMES.map((name, index) => {
    const level = vector[index] ?? MISSING;
    return [name, level === MISSING ? 'missing' : ((COMPARISON_LEVELS[name] as readonly string[])[level] ?? 'missing')];
  });
  return Object.fromEntries(entries) as unknown as MatchLevels;
}
