/** The pools of ids and times the mixed history's contexts share, so that their events meet. All synthetic. */
export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** The case log's people and cases (`appendRandomCaseLog`): ids that are array indexes or prototype names included. */
const ODD_IDS = ['7', '10', 'constructor', 'toString'];
export const PEOPLE = [...ODD_IDS, ...Array.from({ length: 60 }, (_, i) => `person-${i}`)];
/** How many cases the mixed history's case log keeps (besides the odd ids); the other contexts name the same. */
export const CASES = 60;
export const CASE_IDS = [...ODD_IDS, ...Array.from({ length: CASES }, (_, i) => `case-${i}`)];

export const PANELS = ['MARAC', 'IOM', 'ALLIANCE'];
export const at = (random: Random): string =>
  `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}T1${Math.floor(random() * 10)}:00:00.000Z`;
