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

  /**
   * Siblings and cousins in one household, no identifiers: a nickname or a near-identical
   * spelling (+6 to +7.5 bits) outweighs a few years between the births, so each pair scored
   * above the link threshold (9.91 at one postcode, 11.23 at one address, 12.67 on the close
   * spelling) and one child's record joined the other's person.
   */
  describe.each([
    ['Henry', 'Harry', '1996-04-12', '1993-08-27', 'male', 'nickname', {}],
    ['John', 'Jack', '1988-02-19', '1992-06-05', 'male', 'nickname', {}],
    ['Jonathan', 'Nathan', '1990-03-14', '1995-07-22', 'male', 'nickname', {}],
    ['Mary', 'Maria', '1994-10-03', '1996-05-18', 'female', 'nickname', {}],
    ['Helen', 'Ellen', '1982-01-25', '1988-09-07', 'female', 'nickname', {}],
    ['Henry', 'Harry', '1996-04-12', '1993-08-27', 'male', 'nickname', { address: '7 Mill Lane' }],
    ['Kristina', 'Kristine', '1991-05-16', '1994-11-02', 'female', 'jaro-winkler-0.95', {}],
    ['Daniela', 'Daniella', '1991-05-16', '1994-11-02', 'female', 'jaro-winkler-0.95', {}],
  ] as const)('%s and %s, born %s and %s', (older, younger, olderBorn, youngerBorn, sex, forenameLevel, home) => {
    const sibling = (recordId: string, forenames: string, dateOfBirth: string): PersonRecord => ({
      recordId,
      forenames,
      surname: 'Ashworth',
      dateOfBirth,
      sex,
      postcode: 'M14 5RL',
      ...home,
    });

    it('goes to review instead of being linked', () => {
      const result = matchAgainst(sibling('older', older, olderBorn), sibling('younger', younger, youngerBorn));
      const [candidate] = result.candidates;
      expect(candidate?.levels).toMatchObject({ forename: forenameLevel, dateOfBirth: 'within-ten-years' });
      expect(candidate?.score).toBeGreaterThanOrEqual(linkThreshold);
      expect(candidate?.guards).toEqual(['forename-and-birth-differ']);
      expect(result.decision).toBe('review');
    });

    it('still links when an equal identifier corroborates them', () => {
      const pnc = { pnc: '1979/0163001B' };
      const result = matchAgainst(
        { ...sibling('older', older, olderBorn), identifiers: pnc },
        { ...sibling('younger', younger, youngerBorn), identifiers: pnc },
      );
      expect(result.decision).toBe('link');
    });
  });

  it('still links the same forename with an estimated date of birth years out', () => {
    const result = matchAgainst(able, { ...able, recordId: 'able-2', dateOfBirth: '1998-01-01' });
    expect(result.candidates[0]?.levels.dateOfBirth).toBe('within-ten-years');
    expect(result.decision).toBe('link');
  });

  it('treats a transposed year as years apart, not as a typo', () => {
    const henry: PersonRecord = { ...able, recordId: 'henry', forenames: 'Henry', dateOfBirth: '1989-04-12' };
    const harry = matchAgainst(henry, { ...henry, recordId: 'harry', forenames: 'Harry', dateOfBirth: '1998-04-12' });
    expect(harry.candidates[0]?.levels.dateOfBirth).toBe('within-ten-years');
    expect(harry.decision).toBe('review');
    const sameName = matchAgainst(henry, { ...henry, recordId: 'henry-2', dateOfBirth: '1998-04-12' });
    expect(sameName.decision).toBe('link');
  });

  it('still links a mistyped forename when the date of birth is within a year', () => {
    // Not a one-digit slip (2001-03-01 would be): at one postcode that is the twins guard's.
    const result = matchAgainst(able, { ...dale, dateOfBirth: '2000-12-20' });
    expect(result.candidates[0]?.levels).toMatchObject({ forename: 'jaro-winkler-0.88', dateOfBirth: 'within-a-year' });
    expect(result.decision).toBe('link');
  });

  it('leaves an equal, corroborated identifier to the deterministic layer', () => {
    const pnc = { pnc: '1979/0163001B' };
    const result = matchAgainst({ ...able, identifiers: pnc }, { ...dale, identifiers: pnc });
    expect(result.candidates[0]?.identifierAgreement).toBe(true);
    expect(result.decision).toBe('link');
  });
});
