import { PersonProfiles } from './person-profiles';

/** One person's details gathered from several ids. Synthetic ids only. */
describe('a person profile from several ids', () => {
  it('keeps the current id where it recorded a detail, and fills a gap from the earliest registered other id', () => {
    const profiles = new PersonProfiles();
    profiles.registered('lee-first', { ethnicity: 'white-irish', disability: 'yes' });
    profiles.registered('lee', { sex: 'female' });
    profiles.registered('lee-later', { sex: 'male', ethnicity: 'black-african' });

    expect(profiles.asOne(['lee', 'lee-later', 'lee-first'])).toEqual({
      sex: 'female',
      ethnicity: { group: 'white', category: 'white-irish' },
      disability: 'yes',
    });
  });
});

/** Details a panel recorded on a record it linked to a person another panel registered. Synthetic ids only. */
describe('a person profile as a panel holds it', () => {
  const profiles = new PersonProfiles();
  profiles.registered('mae', { sex: 'female', disability: 'no' });
  profiles.caseReferred('iom-case', 'IOM');
  profiles.caseReferred('marac-case', 'MARAC');
  profiles.recordDetailsRecorded('mae', 'marac-case', { disability: 'yes', language: 'Polish' });
  profiles.recordDetailsRecorded('mae', 'unknown-case', { disability: 'not stated' });

  it('reads what the panel’s own cases recorded first, the registration filling the rest', () => {
    expect(profiles.recordedBy('MARAC', 'mae')).toEqual({ sex: 'female', disability: 'yes' });
  });

  it('never gives another panel what MARAC recorded, nor details from a case no referral names', () => {
    expect(profiles.recordedBy('IOM', 'mae')).toEqual({ sex: 'female', disability: 'no' });
    expect(profiles.get('mae')).toEqual({ sex: 'female', disability: 'no' });
  });
});
