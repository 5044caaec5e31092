import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';

const { linkThreshold } = DEFAULT_MATCHING_MODEL;

/**
 * Two IOM nominals of one synthetic family as an analyst's test referred them: same surname,
 * sex and postcode, no identifiers. "Dalerev" and "Ablerev" share five of seven letters, which
 * puts them in the close Jaro-Winkler tier (+4.9 bits), and six years between the births cost
 * only -3.5 bits, so the pair scored above the link threshold and one nominal's record joined
 * the other's person.
 */
const able: PersonRecord = {
  recordId: 'able',
  forenames: 'Ablerev',
  surname: 'Nominalrev',
  dateOfBirth: '2001-06-01',
  sex: 'male',
  postcode: 'N17 6AB',
};
const dale: PersonRecord = { ...able, recordId: 'dale', forenames: 'Dalerev', dateOfBirth: '1995-01-01' };

const matchAgainst = (known: PersonRecord, incoming: PersonRecord) => {
  const matcher = new PersonMatcher();
  matcher.add(known, 'P-known');
  return matcher.match(incoming);
};

describe('forenames and dates of birth that both disagree', () => {
  it('never links two people whose births are years apart and whose forenames only look alike', () => {
    const result = matchAgainst(able, dale);
    const [candidate] = result.candidates;
    expect(candidate?.levels).toMatchObject({
      forename: 'jaro-winkler-0.88',
      surname: 'exact',
      dateOfBirth: 'within-ten-years',
      residence: 'postcode',
      sex: 'match',
    });
    expect(candidate?.score).toBeGreaterThanOrEqual(linkThreshold);
    expect(candidate?.guards).toEqual(['forename-and-birth-differ']);
    expect(result.decision).toBe('review');
    expect(result.personId).toBe('P-known');
  });

  it('holds at the same address, where the pair scores higher still', () => {
    const sameAddress = { address: '12 High Road' };
    const result = matchAgainst({ ...able, ...sameAddress }, { ...dale, ...sameAddress });
    expect(result.candidates[0]?.levels.residence).toBe('same-address');
    expect(result.candidates[0]?.guards).toEqual(['forename-and-birth-differ']);
    expect(result.decision).toBe('review');
  });

  it('still links the same forename with an estimated date of birth years out', () => {
    const result = matchAgainst(able, { ...able, recordId: 'able-2', dateOfBirth: '1998-01-01' });
    expect(result.candidates[0]?.levels.dateOfBirth).toBe('within-ten-years');
    expect(result.decision).toBe('link');
  });

  it('still links a mistyped forename when the date of birth is within a year', () => {
    const result = matchAgainst(able, { ...dale, dateOfBirth: '2001-03-01' });
    expect(result.candidates[0]?.levels.forename).toBe('jaro-winkler-0.88');
    expect(result.decision).toBe('link');
  });

  it('leaves an equal, corroborated identifier to the deterministic layer', () => {
    const pnc = { pnc: '1979/0163001B' };
    const result = matchAgainst({ ...able, identifiers: pnc }, { ...dale, identifiers: pnc });
    expect(result.candidates[0]?.identifierAgreement).toBe(true);
    expect(result.decision).toBe('link');
  });
});
