import { GIVEN_NAMES_APART, NICKNAME_GROUPS } from './nickname-groups';
import { normaliseText } from './normalise-text';

const compactKey = (name: string): string => normaliseText(name).replace(/ /g, '');

/** Name (normalised, no spaces) -> indexes of the groups it belongs to. */
function indexGroups(groups: readonly (readonly string[])[]): ReadonlyMap<string, readonly number[]> {
  const index = new Map<string, number[]>();
  groups.forEach((group, groupIndex) => {
    for (const name of group) {
      const key = compactKey(name);
      const ofName = index.get(key) ?? [];
      if (!ofName.includes(groupIndex)) ofName.push(groupIndex);
      index.set(key, ofName);
    }
  });
  return index;
}

const GROUPS_BY_NAME = indexGroups(NICKNAME_GROUPS);

/** The nickname groups with each name registered in its own right standing as a group of its own. */
const GIVEN_NAME_GROUPS_BY_NAME = indexGroups([
  ...NICKNAME_GROUPS.map((group) => {
    const apart = GIVEN_NAMES_APART.filter((entry) => entry.fromGroup === group[0]).flatMap((entry) => entry.names);
    return group.filter((name) => !apart.includes(name));
  }),
  ...GIVEN_NAMES_APART.map((entry) => entry.names),
]);

const NONE: readonly number[] = [];

/** The nickname groups of a normalised forename token (`BOB` -> the Robert group). */
export function nicknameGroups(normalisedToken: string): readonly number[] {
  return GROUPS_BY_NAME.get(normalisedToken) ?? NONE;
}

/** The group's first name, normalised: used as a blocking key so Bob and Robert meet. */
export function nicknameGroupName(groupIndex: number): string {
  const group = NICKNAME_GROUPS[groupIndex];
  return group === undefined ? '' : compactKey(group[0] ?? '');
}

/**
 * Whether two normalised forename tokens are one given name: equal, or a diminutive, spelling or
 * transliteration of the other (Bob / Robert, Mohammed / Muhammad), but not two names registered
 * in their own right that a nickname group joins (Jack / John, Liam / William: `GIVEN_NAMES_APART`).
 */
export function oneGivenName(a: string, b: string): boolean {
  return (
    a === b || shareNicknameGroup(GIVEN_NAME_GROUPS_BY_NAME.get(a) ?? NONE, GIVEN_NAME_GROUPS_BY_NAME.get(b) ?? NONE)
  );
}

export function shareNicknameGroup(a: readonly number[], b: readonly number[]): boolean {
  for (const group of a) if (b.includes(group)) return true;
  return false;
}
