import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';

const { linkThreshold } = DEFAULT_MATCHING_MODEL;

/** One synthetic household: same surname, date of birth, sex and address, no identifiers. */
const household = (recordId: string, forenames: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  recordId,
  forenames,
  surname: 'Jewell',
  dateOfBirth: '2001-03-09',
  sex: 'male',
  postcode: 'TR1 2AB',
  address: '4 Lemon Street',
  ...extra,
});

const matchAgainst = (known: PersonRecord, incoming: PersonRecord) => {
  const matcher = new PersonMatcher();
  matcher.add(known, 'P-known');
  return matcher.match(incoming);
};

/**
 * Twins share a surname, a birthday and a home, and are often given similar or shared names.
 * Whether two such records are one person or two is for a reviewer unless they give the same
 * forenames (`sameForenames`; the pairs are tabled in `twins-forename-pairs.unit.spec.ts`).
 */
describe('likely twins', () => {
  it.each([
    ['a shared middle name', 'Piran James', 'Petroc James'],
    ['a shared middle name, the first names a letter apart', 'Tia May', 'Mia May'],
    ['first names a letter apart', 'Tom', 'Tim'],
    ['first names that sound alike', 'Lily', 'Lola'],
    ['near-identical spellings', 'Kristina', 'Kristine'],
  ])('are never linked automatically on %s (%s / %s)', (_, first, second) => {
    const result = matchAgainst(household('one', first), household('other', second));
    const [candidate] = result.candidates;
    expect(candidate?.score).toBeGreaterThanOrEqual(linkThreshold);
    expect(candidate?.guards).toEqual(['twins']);
    expect(result.decision).toBe('review');
    expect(result.personId).toBe('P-known');
  });

  it('are not made one person by a later record sharing only the middle name of one of them', () => {
    const matcher = new PersonMatcher();
    matcher.add(household('piran', 'Piran James'), 'P-piran');
    const result = matcher.match(household('james', 'James'));
    expect(result.candidates[0]?.guards).toContain('twins');
    expect(result.decision).not.toBe('link');
  });

  it.each([
    ['the same first name and different middle names', 'Piran James', 'Piran'],
    ['a nickname of the first name', 'Robert', 'Bob'],
  ])('still link on %s', (_, first, second) => {
    expect(matchAgainst(household('one', first), household('other', second)).decision).toBe('link');
  });

  it('still link when a record carries the other first name as an alias', () => {
    const known = household('one', 'Piran', { aliases: [{ forenames: 'Perran' }] });
    const result = matchAgainst(known, household('other', 'Perran'));
    expect(result.candidates[0]?.guards).toEqual([]);
    expect(result.decision).toBe('link');
  });

  it('are proposed, not linked, when one record gives only an initial (it fits either twin)', () => {
    const result = matchAgainst(household('one', 'Piran'), household('other', 'P'));
    expect(result.decision).not.toBe('link');
  });

  /**
   * Address and postcode are optional on a referral, and often unknown for a MARAC perpetrator or
   * a child met in custody. A record without a home is no evidence of a different home, nor is a
   * postcode agreeing only on its sector or district (a mistyped unit).
   */
  describe('when one record has no home, or only the sector or district agrees', () => {
    const noHome = { postcode: undefined, address: undefined };
    it.each<[string, string, string, Partial<PersonRecord>]>([
      ['no address or postcode', 'Hassan', 'Hussain', noHome],
      ['a postcode one unit out and no address', 'Tom', 'Tim', { postcode: 'TR1 2AD', address: undefined }],
      ['only the postcode district', 'Tom', 'Tim', { postcode: 'TR1 9ZZ', address: undefined }],
      ['no address or postcode, names sharing a first part', 'Lily-Mae', 'Lily-Rose', noHome],
    ])('are never linked automatically on %s (%s / %s)', (_, first, second, home) => {
      const result = matchAgainst(household('one', first), household('other', second, home));
      expect(result.candidates[0]?.guards).toEqual(['twins']);
      expect(result.decision).toBe('review');
      expect(result.personId).toBe('P-known');
    });

    it.each([
      ['the same forenames', 'Hassan', 'Hassan'],
      ['a middle name left out', 'Piran James', 'Piran'],
    ])('still link on %s (%s / %s)', (_, first, second) => {
      const result = matchAgainst(household('one', first), household('other', second, noHome));
      expect(result.candidates[0]?.guards).toEqual([]);
      expect(result.decision).toBe('link');
    });
  });
});
