/**
 * The 2021 Census (England and Wales) ethnic group classification: 5 high-level groups and their
 * 19 detailed categories (ONS labels). Reports and the research export speak only this vocabulary
 * (plus the values in `equality-values.ts`), so a breakdown cannot split one group into many
 * spellings, and nothing a worker typed next to an ethnicity can leave the system with it.
 */

export const ETHNIC_GROUPS = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
} as const;

export type EthnicGroup = keyof typeof ETHNIC_GROUPS;

export interface EthnicCategoryDefinition {
  readonly group: EthnicGroup;
  /** The census's own wording of the category. */
  readonly label: string;
  /** Names that say the category alone ("Pakistani", "Any other White background"). */
  readonly names: readonly string[];
  /** Names that say it only after the group ("White: Other", "Black British Caribbean"). */
  readonly afterGroup?: readonly string[];
  /**
   * Home Office self-defined ethnicity codes (the "18+1" codes police forces record, built on the
   * 2011 Census; O1 is Chinese in the older 16+1 list). There is no code for Roma.
   */
  readonly codes?: readonly string[];
}

const category = (
  group: EthnicGroup,
  label: string,
  names: readonly string[],
  extra: Pick<EthnicCategoryDefinition, 'afterGroup' | 'codes'> = {},
): EthnicCategoryDefinition => ({ group, label, names, ...extra });

export const ETHNIC_CATEGORIES = {
  'asian-bangladeshi': category('asian', 'Bangladeshi', ['Bangladeshi'], { codes: ['A3'] }),
  'asian-chinese': category('asian', 'Chinese', ['Chinese'], { codes: ['A4', 'O1'] }),
  'asian-indian': category('asian', 'Indian', ['Indian'], { codes: ['A1'] }),
  'asian-pakistani': category('asian', 'Pakistani', ['Pakistani'], { codes: ['A2'] }),
  'asian-other': category('asian', 'Other Asian', ['Other Asian', 'Any other Asian background'], {
    afterGroup: ['Other', 'Any other', 'Any other background'],
    codes: ['A9'],
  }),
  'black-african': category('black', 'African', ['African'], { codes: ['B2'] }),
  'black-caribbean': category('black', 'Caribbean', ['Caribbean'], { codes: ['B1'] }),
  'black-other': category(
    'black',
    'Other Black',
    [
      'Other Black',
      'Any other Black background',
      'Any other Black, Black British or Caribbean background',
      'Any other Black, Black British, Black Welsh, Caribbean or African background',
    ],
    { afterGroup: ['Other', 'Any other', 'Any other background'], codes: ['B9'] },
  ),
  'mixed-white-and-asian': category('mixed', 'White and Asian', ['White and Asian'], {
    afterGroup: ['White Asian', 'Asian and White'],
    codes: ['M3'],
  }),
  'mixed-white-and-black-african': category('mixed', 'White and Black African', ['White and Black African'], {
    afterGroup: ['White Black African', 'Black African and White'],
    codes: ['M2'],
  }),
  'mixed-white-and-black-caribbean': category('mixed', 'White and Black Caribbean', ['White and Black Caribbean'], {
    afterGroup: ['White Black Caribbean', 'Black Caribbean and White'],
    codes: ['M1'],
  }),
  'mixed-other': category(
    'mixed',
    'Other Mixed or Multiple ethnic groups',
    ['Other Mixed', 'Any other Mixed background', 'Any other Mixed or Multiple ethnic background'],
    { afterGroup: ['Other', 'Any other', 'Any other background'], codes: ['M9'] },
  ),
  'white-british': category(
    'white',
    'English, Welsh, Scottish, Northern Irish or British',
    ['English, Welsh, Scottish, Northern Irish or British', 'English, Welsh, Scottish, Northern Irish, British'],
    { afterGroup: ['British', 'English', 'Welsh', 'Scottish', 'Northern Irish', 'UK'], codes: ['W1'] },
  ),
  'white-irish': category('white', 'Irish', ['Irish'], { codes: ['W2'] }),
  'white-gypsy-or-irish-traveller': category(
    'white',
    'Gypsy or Irish Traveller',
    ['Gypsy or Irish Traveller', 'Gypsy', 'Irish Traveller', 'Gypsy Traveller'],
    { afterGroup: ['Traveller'], codes: ['W3'] },
  ),
  'white-roma': category('white', 'Roma', ['Roma']),
  'white-other': category('white', 'Other White', ['Other White', 'Any other White background'], {
    afterGroup: ['Other', 'Any other', 'Any other background'],
    codes: ['W9'],
  }),
  'other-arab': category('other', 'Arab', ['Arab'], { codes: ['O2'] }),
  'other-any-other': category('other', 'Any other ethnic group', ['Any other ethnic group'], {
    afterGroup: ['Any other', 'Any other background'],
    codes: ['O9'],
  }),
} as const satisfies Record<string, EthnicCategoryDefinition>;

export type EthnicCategory = keyof typeof ETHNIC_CATEGORIES;

/**
 * How the groups are written before a category ("Asian or Asian British - Indian", "Black
 * Caribbean"). A group alone says the group but no category: "White" gives `white` and a
 * category `not-recognised`.
 */
export const GROUP_NAMES: Record<EthnicGroup, readonly string[]> = {
  asian: [
    'Asian',
    'Asian British',
    'British Asian',
    'Asian Welsh',
    'Asian or Asian British',
    'Asian, Asian British or Asian Welsh',
    'Asian, Asian British, Asian Welsh',
  ],
  black: [
    'Black',
    'Black British',
    'British Black',
    'Black Welsh',
    'Black or Black British',
    'Black, Black British, Caribbean or African',
    'Black, Black British, Black Welsh, Caribbean or African',
  ],
  mixed: ['Mixed', 'Mixed or Multiple', 'Mixed or Multiple ethnic groups', 'Multiple ethnic groups', 'Mixed race'],
  white: ['White'],
  other: ['Other ethnic group', 'Other ethnic groups'],
};
