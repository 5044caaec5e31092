import type { PreparedRecord } from '../prepared-record';
import { jaroWinkler } from '../text/jaro-winkler';
import type { NamePart } from '../text/name-part';
import { shareNicknameGroup } from '../text/nicknames';
import { sharePhoneticCode } from '../text/phonetic';
import { FORENAME, MISSING, NAME_ORDER, SURNAME } from './comparison-levels';
import { furtherNamesDiffer } from './same-forenames';

const HIGH_SIMILARITY = 0.95;
const CLOSE_SIMILARITY = 0.88;

/**
 * Forename level of two name fields, on the name each person is called by (the first token).
 * Exact, then nickname (Bob/Robert, Mohammed/Muhammad), then spelling similarity and sound.
 * A shared middle name (`Mohammed Imran` / `Imran`) is weaker evidence than any of those.
 *
 * One first name followed on both sides by further names that differ is never `exact` or
 * `nickname`: Mohammed, Md, Syed and Abdul usually come first and the person is called by the
 * name after (Mohammed Imran / Mohammed Asif), and Lily-Mae / Lily-Rose are two names. Scored
 * `exact`, two men of one surname and birthday in different towns passed the link threshold
 * (13.4 bits), and still would on `other-forename` (8.3). The further names are then scored on
 * their spelling alone, so a mistyped second part (Alexa-Rose / Alexa-Ose) stays a close spelling.
 */
export function forenameLevel(a: NamePart, b: NamePart): number {
  const exact = a.first === b.first;
  if (exact || shareNicknameGroup(a.firstNicknameGroups, b.firstNicknameGroups)) {
    if (furtherNamesDiffer(a, b)) return spellingLevel(jaroWinkler(furtherNames(a), furtherNames(b)));
    return exact ? FORENAME.exact : FORENAME.nickname;
  }
  // Whole forenames too, without spaces: "Har Rison" was typed for "Harrison".
  const similarity =
    a.tokens.length > 1 || b.tokens.length > 1
      ? Math.max(jaroWinkler(a.first, b.first), jaroWinkler(a.compact, b.compact))
      : jaroWinkler(a.first, b.first);
  if (similarity >= HIGH_SIMILARITY) return FORENAME.jaroWinkler95;
  if (sharePhoneticCode(a.firstCodes, b.firstCodes)) return FORENAME.phonetic;
  if (similarity >= CLOSE_SIMILARITY) return FORENAME.jaroWinkler88;
  if (shareToken(a.tokens, b.tokens)) return FORENAME.otherForename;
  return FORENAME.else;
}

/**
 * Surname level on the whole surname without spaces. A double-barrelled surname that shares
 * one part with the other (`Smith-Jones` / `Jones`) is its own, weaker level.
 */
export function surnameLevel(a: NamePart, b: NamePart): number {
  if (a.compact === b.compact) return SURNAME.exact;
  const similarity = jaroWinkler(a.compact, b.compact);
  if (similarity >= HIGH_SIMILARITY) return SURNAME.jaroWinkler95;
  if (sharePhoneticCode(a.compactCodes, b.compactCodes)) return SURNAME.phonetic;
  if (similarity >= CLOSE_SIMILARITY) return SURNAME.jaroWinkler88;
  if ((a.tokens.length > 1 || b.tokens.length > 1) && shareToken(a.tokens, b.tokens)) return SURNAME.part;
  return SURNAME.else;
}

function spellingLevel(similarity: number): number {
  if (similarity >= HIGH_SIMILARITY) return FORENAME.jaroWinkler95;
  return similarity >= CLOSE_SIMILARITY ? FORENAME.jaroWinkler88 : FORENAME.else;
}

/** The names after the first, run together (`Mohammed Imran Ali` -> `IMRANALI`). */
const furtherNames = (name: NamePart): string => name.compact.slice(name.first.length);

function shareToken(a: readonly string[], b: readonly string[]): boolean {
  for (const token of a) if (token.length > 1 && b.includes(token)) return true;
  return false;
}

export interface NameLevels {
  readonly forename: number;
  readonly surname: number;
  readonly nameOrder: number;
}

/**
 * Compares names as recorded and, when that is weak, crosswise (forename against surname):
 * `Ali Hassan` and `Hassan Ali` are a common transcription of the same person. The crossed
 * reading wins only if both crossed names are at least close and it beats the straight reading.
 * A forename or surname that still does not agree is then tried against the aliases.
 */
export function compareNames(a: PreparedRecord, b: PreparedRecord): NameLevels {
  let forename =
    a.forenames !== undefined && b.forenames !== undefined ? forenameLevel(a.forenames, b.forenames) : MISSING;
  let surname = a.surname !== undefined && b.surname !== undefined ? surnameLevel(a.surname, b.surname) : MISSING;
  let nameOrder = MISSING;
  if (a.forenames !== undefined && b.forenames !== undefined && a.surname !== undefined && b.surname !== undefined) {
    nameOrder = NAME_ORDER.asRecorded;
    if (forename > FORENAME.jaroWinkler88 || surname > SURNAME.jaroWinkler88) {
      const crossedForename = forenameLevel(a.forenames, b.surname);
      const crossedSurname = surnameLevel(a.surname, b.forenames);
      if (
        crossedForename <= FORENAME.jaroWinkler88 &&
        crossedSurname <= SURNAME.jaroWinkler88 &&
        crossedForename + crossedSurname < forename + surname
      ) {
        forename = crossedForename;
        surname = crossedSurname;
        nameOrder = NAME_ORDER.swapped;
      }
    }
  }
  if (forename === FORENAME.else && agreesThroughAlias(a, b, 'forenames')) forename = FORENAME.alias;
  if (surname === SURNAME.else && agreesThroughAlias(a, b, 'surname')) surname = SURNAME.alias;
  if (forename === MISSING && agreesThroughAlias(a, b, 'forenames')) forename = FORENAME.alias;
  if (surname === MISSING && agreesThroughAlias(a, b, 'surname')) surname = SURNAME.alias;
  return { forename, surname, nameOrder };
}

/** An alias of either record agrees (exactly, as a nickname, or nearly letter for letter) with a name of the other. */
function agreesThroughAlias(a: PreparedRecord, b: PreparedRecord, field: 'forenames' | 'surname'): boolean {
  const aliasesA = field === 'forenames' ? a.aliasForenames : a.aliasSurnames;
  const aliasesB = field === 'forenames' ? b.aliasForenames : b.aliasSurnames;
  if (aliasesA.length === 0 && aliasesB.length === 0) return false;
  const namesA = a[field] === undefined ? aliasesA : [a[field], ...aliasesA];
  const namesB = b[field] === undefined ? aliasesB : [b[field], ...aliasesB];
  const strongEnough = field === 'forenames' ? FORENAME.jaroWinkler95 : SURNAME.jaroWinkler95;
  const level = field === 'forenames' ? forenameLevel : surnameLevel;
  for (const nameA of namesA) {
    for (const nameB of namesB) {
      if (nameA === a[field] && nameB === b[field]) continue;
      if (level(nameA, nameB) <= strongEnough) return true;
    }
  }
  return false;
}
