import { ageOnUkDate, checkAgeAtEngagement } from './alliance-age';
import { rejectionFrom } from '../testing/case-fixtures';

describe('Operation Alliance age on the UK date of the engagement', () => {
  it('counts the tenth birthday from 00:00 London time, however the instant is written', () => {
    expect(ageOnUkDate('2014-05-02', '2024-05-02T00:30:00+01:00')).toBe(10);
    expect(ageOnUkDate('2014-05-02', '2024-05-01T23:30:00Z')).toBe(10);
    expect(ageOnUkDate('2014-05-02', '2024-05-01T22:59:00Z')).toBe(9);
  });

  it('counts the nineteenth birthday that began in London while it was still 1 May in New York', () => {
    expect(ageOnUkDate('2005-05-02', '2024-05-01T20:00:00-05:00')).toBe(19);
  });

  it('uses GMT in winter: 23:30 UTC on 1 January is still 1 January', () => {
    expect(ageOnUkDate('2012-01-02', '2024-01-01T23:30:00Z')).toBe(11);
  });

  it('has a 29 February child turn a year older on 1 March in other years', () => {
    expect(ageOnUkDate('2008-02-29', '2027-02-28T12:00:00Z')).toBe(18);
    expect(ageOnUkDate('2008-02-29', '2027-03-01T12:00:00Z')).toBe(19);
  });

  it('takes the range from the registry and refuses outside it as 422, naming the field given', () => {
    expect(checkAgeAtEngagement(12, { minimumAge: 12, maximumAge: 17 }, 'person.dateOfBirth')).toBe(12);
    const refusal = rejectionFrom(() =>
      checkAgeAtEngagement(11, { minimumAge: 12, maximumAge: 17 }, 'person.dateOfBirth'),
    );
    expect(refusal).toMatchObject({ kind: 'rule-refused', rule: 'alliance-age-range' });
    expect(refusal.details[0]?.field).toBe('person.dateOfBirth');
  });
});
