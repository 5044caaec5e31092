import type { PreparedRecord } from '../prepared-record';
import { jaroWinkler, lengthsAllowSimilarity } from '../text/jaro-winkler';
import type { NamePart } from '../text/name-part';
import { shareNicknameGroup } from '../text/nicknames';
import { sharePhoneticCode } from '../text/phonetic';
import { COMPARISON_INDEX, FORENAME, MISSING, NAME_ORDER, SURNAME, type ComparisonVector } from './comparison-levels';
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

/**
 * Whether {@link forenameLevel} could give `jaro-winkler-0.95` or a stronger level: one first name
 * (or nickname group), or spellings whose lengths let them be that similar. False rules the level
 * out without the comparison; true says only that it must be worked out.
 */
function forenamesMayAgreeClosely(a: NamePart, b: NamePart): boolean {
  return (
    a.first === b.first ||
    shareNicknameGroup(a.firstNicknameGroups, b.firstNicknameGroups) ||
    lengthsAllowSimilarity(a.first.length, b.first.length, HIGH_SIMILARITY) ||
    ((a.tokens.length > 1 || b.tokens.length > 1) &&
      lengthsAllowSimilarity(a.compact.length, b.compact.length, HIGH_SIMILARITY))
  );
}

/** As {@link forenamesMayAgreeClosely}, for {@link surnameLevel}. */
function surnamesMayAgreeClosely(a: NamePart, b: NamePart): boolean {
  return a.compact === b.compact || lengthsAllowSimilarity(a.compact.length, b.compact.length, HIGH_SIMILARITY);
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

export type NameField = 'forenames' | 'surname';

/**
 * The weakest level at which an alias agrees with a name: `jaro-winkler-0.95`, the level of a
 * similarity of {@link HIGH_SIMILARITY}, which `forenamesMayAgreeClosely` and
 * `surnamesMayAgreeClosely` rule out cheaply.
 */
const ALIAS_AGREES: Readonly<Record<NameField, number>> = {
  forenames: FORENAME.jaroWinkler95,
  surname: SURNAME.jaroWinkler95,
};

/**
 * One record's names, as `compareNames` weighs them against another record's name fields. This
 * class works each level out afresh, for a single pair; `IncomingNames` remembers them for an
 * incoming record compared with many.
 */
export class RecordNames {
  constructor(readonly record: PreparedRecord) {}

  /** The record's forenames (which must be given) against `other` read as forenames. */
  forenameLevel(other: NamePart): number {
    return forenameLevel(this.record.forenames as NamePart, other);
  }

  /** The record's surname (which must be given) against `other` read as a surname. */
  surnameLevel(other: NamePart): number {
    return surnameLevel(this.record.surname as NamePart, other);
  }

  /** Whether one of the record's aliases agrees with `other` (exactly, as a nickname, or nearly letter for letter). */
  aliasAgrees(field: NameField, other: NamePart): boolean {
    const forenames = field === 'forenames';
    for (const alias of this.aliases(field)) {
      // Most aliases cannot agree with a given name; the bound spares their full comparison.
      if (forenames ? !forenamesMayAgreeClosely(alias, other) : !surnamesMayAgreeClosely(alias, other)) continue;
      if ((forenames ? forenameLevel(alias, other) : surnameLevel(alias, other)) <= ALIAS_AGREES[field]) return true;
    }
    return false;
  }

  /** The record's aliases in the field. */
  protected aliases(field: NameField): readonly NamePart[] {
    return field === 'forenames' ? this.record.aliasForenames : this.record.aliasSurnames;
  }

  /** Whether the record's own name in the field, or one of its aliases, agrees with `other`. */
  someNameAgrees(field: NameField, other: NamePart): boolean {
    if (this.record[field] !== undefined) {
      const level = field === 'forenames' ? this.forenameLevel(other) : this.surnameLevel(other);
      if (level <= ALIAS_AGREES[field]) return true;
    }
    return this.aliasAgrees(field, other);
  }
}

/**
 * Compares names as recorded and, when that is weak, crosswise (forename against surname):
 * `Ali Hassan` and `Hassan Ali` are a common transcription of the same person. The crossed
 * reading wins only if both crossed names are at least close and it beats the straight reading.
 * A forename or surname that still does not agree is then tried against the aliases. Writes the
 * forename, surname and name-order levels into `into` (one vector per match, not an object per pair).
 */
export function compareNames(a: RecordNames, b: PreparedRecord, into: ComparisonVector): void {
  const { forenames, surname: surnameA } = a.record;
  let forename = forenames !== undefined && b.forenames !== undefined ? a.forenameLevel(b.forenames) : MISSING;
  let surname = surnameA !== undefined && b.surname !== undefined ? a.surnameLevel(b.surname) : MISSING;
  let nameOrder = MISSING;
  if (forenames !== undefined && b.forenames !== undefined && surnameA !== undefined && b.surname !== undefined) {
    nameOrder = NAME_ORDER.asRecorded;
    if (forename > FORENAME.jaroWinkler88 || surname > SURNAME.jaroWinkler88) {
      const crossedForename = a.forenameLevel(b.surname);
      const crossedSurname = a.surnameLevel(b.forenames);
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
  into[COMPARISON_INDEX.forename] = forename;
  into[COMPARISON_INDEX.surname] = surname;
  into[COMPARISON_INDEX.nameOrder] = nameOrder;
}

/**
 * An alias of either record agrees (exactly, as a nickname, or nearly letter for letter) with a
 * name of the other: any of `a`'s names with an alias of `b`, or an alias of `a` with `b`'s own.
 */
function agreesThroughAlias(a: RecordNames, b: PreparedRecord, field: NameField): boolean {
  const aliasesA = field === 'forenames' ? a.record.aliasForenames : a.record.aliasSurnames;
  const aliasesB = field === 'forenames' ? b.aliasForenames : b.aliasSurnames;
  if (aliasesA.length === 0 && aliasesB.length === 0) return false;
  const own = b[field];
  if (own !== undefined && aliasesA.length > 0 && a.aliasAgrees(field, own)) return true;
  for (const alias of aliasesB) if (a.someNameAgrees(field, alias)) return true;
  return false;
}
