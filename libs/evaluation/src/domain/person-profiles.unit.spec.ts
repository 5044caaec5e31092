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
