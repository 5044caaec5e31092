import { NICKNAME_GROUPS } from './nickname-groups';
import { normaliseText } from './normalise-text';

const compactKey = (name: string): string => normaliseText(name).replace(/ /g, '');

/** Name (normalised, no spaces) -> indexes of the groups it belongs to. Built once at load. */
const GROUPS_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  NICKNAME_GROUPS.forEach((group, groupIndex) => {
    for (const name of group) {
      const key = compactKey(name);
      const groups = index.get(key) ?? [];
      if (!groups.includes(groupIndex)) groups.push(groupIndex);
      index.set(key, groups);
    }
  });
  return index;
})();

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

export function shareNicknameGroup(a: readonly number[], b: readonly number[]): boolean {
  for (const group of a) if (b.includes(group)) return true;
  return false;
}
