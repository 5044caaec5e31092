import { ETHNIC_CATEGORIES, ETHNIC_GROUPS } from './census-ethnic-groups';
import { readDisability, readEthnicity, readFirstLanguage } from './equality-values';

/** What a worker typed, read as the fixed vocabulary reports and exports use. Synthetic text only. */
describe('ethnicity as the 2021 Census groups and categories', () => {
  it('has the 5 high-level groups and the 19 detailed categories, each in one group', () => {
    expect(Object.keys(ETHNIC_GROUPS)).toHaveLength(5);
    expect(Object.keys(ETHNIC_CATEGORIES)).toHaveLength(19);
    const perGroup = Object.values(ETHNIC_CATEGORIES).reduce<Record<string, number>>(
      (counts, c) => ({ ...counts, [c.group]: (counts[c.group] ?? 0) + 1 }),
      {},
    );
    expect(perGroup).toEqual({ asian: 5, black: 3, mixed: 4, white: 5, other: 2 });
  });

  it.each([
    ['White British', 'white', 'white-british'],
    ['white - british', 'white', 'white-british'],
    ['White: English, Welsh, Scottish, Northern Irish or British', 'white', 'white-british'],
    ['WHITE  ENGLISH', 'white', 'white-british'],
    ['Irish', 'white', 'white-irish'],
    ['Gypsy or Irish Traveller', 'white', 'white-gypsy-or-irish-traveller'],
    ['Roma', 'white', 'white-roma'],
    ['Any other White background', 'white', 'white-other'],
    ['White other', 'white', 'white-other'],
    ['Black Caribbean', 'black', 'black-caribbean'],
    ['Black or Black British: African', 'black', 'black-african'],
    ['Black British – any other background', 'black', 'black-other'],
    ['Pakistani', 'asian', 'asian-pakistani'],
    ['Asian or Asian British - Indian', 'asian', 'asian-indian'],
    ['British Asian Bangladeshi', 'asian', 'asian-bangladeshi'],
    ['Chinese', 'asian', 'asian-chinese'],
    ['Other Asian', 'asian', 'asian-other'],
    ['Mixed White and Black African', 'mixed', 'mixed-white-and-black-african'],
    ['White & Black Caribbean', 'mixed', 'mixed-white-and-black-caribbean'],
    ['mixed-white-asian', 'mixed', 'mixed-white-and-asian'],
    ['Any other Mixed background', 'mixed', 'mixed-other'],
    ['Arab', 'other', 'other-arab'],
    ['Any other ethnic group', 'other', 'other-any-other'],
    ['white-irish', 'white', 'white-irish'],
  ])('reads %j as %s / %s', (typed, group, category) => {
    expect(readEthnicity(typed)).toEqual({ group, category });
  });

  it.each([
    ['W1', 'white-british'],
    ['w2', 'white-irish'],
    ['W3', 'white-gypsy-or-irish-traveller'],
    ['W9', 'white-other'],
    ['M1', 'mixed-white-and-black-caribbean'],
    ['M2', 'mixed-white-and-black-african'],
    ['M3', 'mixed-white-and-asian'],
    ['M9', 'mixed-other'],
    ['A1', 'asian-indian'],
    ['A2', 'asian-pakistani'],
    ['A3', 'asian-bangladeshi'],
    ['A4', 'asian-chinese'],
    ['A9', 'asian-other'],
    ['B1', 'black-caribbean'],
    ['B2', 'black-african'],
    ['B9', 'black-other'],
    ['O2', 'other-arab'],
    ['O9', 'other-any-other'],
  ])('reads the self-defined ethnicity code %s as %s', (code, category) => {
    expect(readEthnicity(code).category).toBe(category);
  });

  it('turns text with an address appended into not-recognised, not the category it starts with', () => {
    expect(readEthnicity('White British, lives with her sister at 12 Elm Road').category).toBe('not-recognised');
    expect(readEthnicity('Pakistani 12 Elm Road N17')).toEqual({ group: 'not-recognised', category: 'not-recognised' });
  });

  it('keeps the group a first clause names when no other clause names another group', () => {
    expect(readEthnicity('White British, lives with her sister at 12 Elm Road')).toEqual({
      group: 'white',
      category: 'not-recognised',
    });
    expect(readEthnicity('Black (Somali)')).toEqual({ group: 'black', category: 'not-recognised' });
    for (const typed of ['White British, Black Caribbean', 'Lives at 12 Elm Road, White British'])
      expect([typed, readEthnicity(typed)]).toEqual([typed, { group: 'not-recognised', category: 'not-recognised' }]);
  });

  it('does not guess: a nationality alone, a near spelling or a description is not-recognised', () => {
    for (const typed of ['British', 'Polish', 'Whte British', 'mixed heritage, dad from Jamaica', 'W4', 'Q1'])
      expect([typed, readEthnicity(typed)]).toEqual([typed, { group: 'not-recognised', category: 'not-recognised' }]);
  });

  it('gives the group when only a group is named', () => {
    expect(readEthnicity('White')).toEqual({ group: 'white', category: 'not-recognised' });
    expect(readEthnicity('Black British')).toEqual({ group: 'black', category: 'not-recognised' });
    expect(readEthnicity('Mixed or Multiple ethnic groups')).toEqual({ group: 'mixed', category: 'not-recognised' });
  });

  it('says not-recorded for a missing or blank value and not-stated for a refusal', () => {
    for (const missing of [undefined, null, '', '   ', 'Unknown'])
      expect(readEthnicity(missing)).toEqual({ group: 'not-recorded', category: 'not-recorded' });
    for (const refusal of ['NS', 'Prefer not to say', 'not stated'])
      expect(readEthnicity(refusal)).toEqual({ group: 'not-stated', category: 'not-stated' });
  });
});

describe('disability as yes / no / not-stated / not-recorded / not-recognised', () => {
  it.each([
    ['Yes', 'yes'],
    ['y', 'yes'],
    ['Disabled', 'yes'],
    ['No', 'no'],
    ['none', 'no'],
    ['Prefer not to say', 'not-stated'],
    ['declined', 'not-stated'],
    [undefined, 'not-recorded'],
    [' ', 'not-recorded'],
    ['hearing impaired: prefers text', 'not-recognised'],
    ['Yes, wheelchair, ground floor flat at 12 Elm Road', 'not-recognised'],
  ])('reads %j as %s', (typed, value) => {
    expect(readDisability(typed)).toBe(value);
  });
});

describe('first language as english / other / not-recorded', () => {
  it.each([
    ['English', 'english'],
    ['  english ', 'english'],
    ['EN', 'english'],
    ['Polish (interpreter needed)', 'other'],
    ['BSL', 'other'],
    ['English, lives at 12 Elm Road', 'other'],
    [undefined, 'not-recorded'],
    ['', 'not-recorded'],
    ['not known', 'not-recorded'],
  ])('reads %j as %s', (typed, value) => {
    expect(readFirstLanguage(typed)).toBe(value);
  });
});
