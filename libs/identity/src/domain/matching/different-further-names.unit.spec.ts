import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';

/** Synthetic men of one surname and birthday, each in a town of his own; no identifiers. */
const man = (recordId: string, forenames: string, surname: string, postcode: string): PersonRecord => ({
  recordId,
  forenames,
  surname,
  dateOfBirth: '1990-01-01',
  sex: 'male',
  postcode,
});

const matchAgainst = (known: PersonRecord, incoming: PersonRecord) => {
  const matcher = new PersonMatcher();
  matcher.add(known, 'P-known');
  return matcher.match(incoming);
};

/**
 * Mohammed, Md, Syed and Abdul usually come first in a British South Asian or Arab name, and the
 * person is known by the name that follows; a 1 January date of birth is a common placeholder for
 * people born abroad. Two such men used to score an exact forename on the shared first name and
 * were linked: one man's referrals and history went into the other's file.
 */
describe('men with one first name and different names after it', () => {
  it.each([
    ['Mohammed Imran', 'Mohammed Asif', 'Khan'],
    ['Mohammed Tariq', 'Mohammed Bilal', 'Iqbal'],
    ['Abdul Karim', 'Abdul Rashid', 'Hussain'],
    ['Md Imran', 'Mohammed Asif', 'Khan'],
  ])('are not linked: %s and %s %s', (first, second, surname) => {
    const result = matchAgainst(man('one', first, surname, 'B11 1AA'), man('other', second, surname, 'BD3 9AB'));
    expect(result.candidates[0]?.levels.forename).toBe('else');
    expect(result.decision).not.toBe('link');
  });

  it('still links one man recorded with and without the name he is known by', () => {
    const result = matchAgainst(
      man('one', 'Mohammed Imran', 'Khan', 'B11 1AA'),
      man('other', 'Mohammed', 'Khan', 'B11 1AA'),
    );
    expect(result.decision).toBe('link');
  });
});
