import { sameForenames } from './comparisons/same-forenames';
import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';
import { prepareRecord } from './prepared-record';

/** One synthetic household: same surname, date of birth and address, no identifiers. */
const household = (recordId: string, forenames: string, sex: 'male' | 'female' = 'female'): PersonRecord => ({
  recordId,
  forenames,
  surname: 'Jewell',
  dateOfBirth: '2001-03-09',
  sex,
  postcode: 'TR1 2AB',
  address: '4 Lemon Street',
});

const decisionFor = (known: string, incoming: string, sex: 'male' | 'female') => {
  const matcher = new PersonMatcher();
  matcher.add(household('known', known, sex), 'P-known');
  return matcher.match(household('incoming', incoming, sex)).decision;
};

/**
 * Within one household (same surname, birth date and home) two records are one person only when
 * they give the same forenames; otherwise they may be twins and a reviewer decides.
 */
const TWIN_PAIRS: readonly (readonly [string, string, string, string])[] = [
  ['a shared middle name', 'Piran James', 'Petroc James', 'male'],
  ['first names a letter apart', 'Tom', 'Tim', 'male'],
  ['hyphenated names sharing the first part', 'Lily-Mae', 'Lily-Rose', 'female'],
  ['hyphenated names sharing the first part', 'Ellie-Mae', 'Ellie-Grace', 'female'],
  ['a hyphenated name and its first part', 'Lily-Mae', 'Lily', 'female'],
  ['a hyphenated name and the same words as two names, differing later', 'Lily-Mae', 'Lily Rose', 'female'],
  ['the same first name and different called names', 'Mohammed Imran', 'Mohammed Asif', 'male'],
  ['the same first name and different middle names', 'Mary Kate', 'Mary Ann', 'female'],
  ['the same first name and different middle initials', 'Mary K', 'Mary A', 'female'],
  ['a bare initial', 'Piran', 'P', 'male'],
  ['names registered in their own right that a nickname group joins', 'Jack', 'John', 'male'],
  ['names registered in their own right that a nickname group joins', 'Liam', 'William', 'male'],
  ['names registered in their own right that a nickname group joins', 'Nathan', 'Jonathan', 'male'],
  ['names registered in their own right that a nickname group joins', 'Caitlin', 'Catherine', 'female'],
  ['names registered in their own right that a nickname group joins', 'Caitlin', 'Katie', 'female'],
  ['names registered in their own right that a nickname group joins', 'Molly', 'Mary', 'female'],
  ['names registered in their own right that a nickname group joins', 'Jasmine', 'Yasmin', 'female'],
];

const ONE_PERSON_PAIRS: readonly (readonly [string, string, string, string])[] = [
  ['the same forenames', 'Piran James', 'Piran James', 'male'],
  ['a middle name left out', 'Piran James', 'Piran', 'male'],
  ['a middle name given as its initial', 'Mohammed Imran', 'Mohammed I', 'male'],
  ['a nickname of the first name', 'Robert', 'Bob', 'male'],
  ['a compound with and without its hyphen', 'Mary-Jane', 'Maryjane', 'female'],
  ['a compound with a hyphen or a space', 'Mary-Jane', 'Mary Jane', 'female'],
  ['a compound with a space or joined', 'Mary Jane', 'Maryjane', 'female'],
  ['a compound joined', 'Anne-Marie', 'Annemarie', 'female'],
  ['a compound and then a middle name', 'Anne-Marie', 'Anne Marie Louise', 'female'],
  ['a diminutive and its full form', 'Katie', 'Catherine', 'female'],
  ['a diminutive of a name registered in its own right', 'Nathan', 'Nate', 'male'],
  ['two spellings of a name registered in its own right', 'Jasmine', 'Jasmin', 'female'],
];

describe('forenames within a household', () => {
  it.each(TWIN_PAIRS)('twins with %s (%s / %s) are not linked', (_, known, incoming, sex) => {
    expect(decisionFor(known, incoming, sex as 'male' | 'female')).toBe('review');
  });

  it.each(ONE_PERSON_PAIRS)('one person with %s (%s / %s) is linked', (_, known, incoming, sex) => {
    expect(decisionFor(known, incoming, sex as 'male' | 'female')).toBe('link');
  });
});

describe('the same-forenames rule', () => {
  const same = (a: string, b: string) =>
    sameForenames(prepareRecord(household('a', a)), prepareRecord(household('b', b)));

  it.each(TWIN_PAIRS)('%s (%s / %s): not the same, either way round', (_, a, b) => {
    expect([same(a, b), same(b, a)]).toEqual([false, false]);
  });

  it.each(ONE_PERSON_PAIRS)('%s (%s / %s): the same, either way round', (_, a, b) => {
    expect([same(a, b), same(b, a)]).toEqual([true, true]);
  });

  it('counts a name a record carries as an alias (Piran a.k.a. Perran / Perran)', () => {
    const known = prepareRecord({ ...household('a', 'Piran'), aliases: [{ forenames: 'Perran' }] });
    expect(sameForenames(known, prepareRecord(household('b', 'Perran')))).toBe(true);
  });
});

/**
 * A reviewer who confirms that two spellings (Kristina / Kristine) are one person puts both in
 * her file; a later record giving either of those spellings is her, not her twin.
 */
describe('a person whose forename variants a reviewer merged', () => {
  it('still takes her own exact name (Kristina after Kristina / Kristine)', () => {
    const matcher = new PersonMatcher();
    matcher.add(household('r1', 'Kristina'), 'P');
    matcher.add(household('r2', 'Kristine'), 'P');
    const result = matcher.match(household('r3', 'Kristina'));
    expect(result.candidates[0]?.guards).toEqual([]);
    expect(result.decision).toBe('link');
    expect(result.personId).toBe('P');
  });

  it('a man known by his middle name still takes his own exact record (James Piran after James Piran / Piran)', () => {
    const matcher = new PersonMatcher();
    matcher.add(household('r1', 'James Piran', 'male'), 'P');
    matcher.add(household('r2', 'Piran', 'male'), 'P');
    expect(matcher.match(household('r3', 'James Piran', 'male')).decision).toBe('link');
  });

  it('still holds back a name none of her records gives (Kristin after Kristina / Kristine)', () => {
    const matcher = new PersonMatcher();
    matcher.add(household('r1', 'Kristina'), 'P');
    matcher.add(household('r2', 'Kristine'), 'P');
    const result = matcher.match(household('r3', 'Kristin'));
    expect(result.candidates[0]?.guards).toContain('twins');
    expect(result.decision).not.toBe('link');
  });
});

/**
 * A person's file also holds records that give her forenames only in part (a bare first name, a
 * middle initial) or crosswise (forenames and surname swapped). Such a record fits a twin as well
 * as the person, so it must not vouch for the twin against a record of the person that
 * contradicts the twin's forenames (review s14-review-diff2-matching D1, D2).
 */
describe('a person who also holds a partial or crosswise record', () => {
  const matchAgainst = (known: readonly PersonRecord[], incoming: PersonRecord) => {
    const matcher = new PersonMatcher();
    for (const record of known) matcher.add(record, 'P');
    const result = matcher.match(incoming);
    return { decision: result.decision, guards: result.candidates[0]?.guards };
  };

  it('a record written crosswise (Ali Hassan) does not let his twin Hussain Ali in', () => {
    const ali = (recordId: string, forenames: string, surname: string) => ({
      ...household(recordId, forenames, 'male'),
      surname,
    });
    expect(matchAgainst([ali('one', 'Hassan', 'Ali')], ali('two', 'Ali', 'Hassan')).decision).toBe('link');
    const twin = matchAgainst(
      [ali('one', 'Hassan', 'Ali'), ali('two', 'Ali', 'Hassan')],
      ali('three', 'Hussain', 'Ali'),
    );
    expect(twin).toEqual({ decision: 'review', guards: ['twins'] });
  });

  it('a record written crosswise still vouches for the forenames it gives exactly (Lauren Crea after Crea Lauren / Laurdn Crea)', () => {
    const crea = (recordId: string, forenames: string, surname: string) => ({
      ...household(recordId, forenames),
      surname,
    });
    const known = [crea('one', 'Crea', 'Lauren'), crea('two', 'Laurdn', 'Crea')];
    expect(matchAgainst(known, crea('three', 'Lauren', 'Crea'))).toEqual({ decision: 'link', guards: [] });
  });

  it.each([
    ['Mary Ann', 'Mary', 'Mary Kate', 'female'],
    ['Anne Marie', 'Anne', 'Anne Louise', 'female'],
    ['Mohammed Imran', 'Mohammed', 'Mohammed Asif', 'male'],
    ['Mohammed Imran', 'Mohammed I', 'Mohammed Ibrahim', 'male'],
  ])('P = {%s, %s}: the twin %s is held for a reviewer', (twin, partial, otherTwin, sex) => {
    const of = (recordId: string, forenames: string) => household(recordId, forenames, sex as 'male' | 'female');
    expect(matchAgainst([of('one', twin)], of('two', partial)).decision).toBe('link');
    expect(matchAgainst([of('one', twin), of('two', partial)], of('three', otherTwin))).toEqual({
      decision: 'review',
      guards: ['twins'],
    });
  });

  it.each([
    ['Mary Ann', 'Mary', 'Mary'],
    ['Mary Ann', 'Mary', 'Mary Ann'],
    ['Mary Ann', 'Mary', 'Mary A'],
    ['Mohammed Imran', 'Mohammed I', 'Mohammed Imran'],
    ['Hassan', 'Hasan', 'Hasan'],
  ])('P = {%s, %s}: %s is still linked to P', (first, second, incoming) => {
    expect(matchAgainst([household('one', first), household('two', second)], household('three', incoming))).toEqual({
      decision: 'link',
      guards: [],
    });
  });
});
