import type { PreparedRecord } from '../prepared-record';
import type { NamePart } from '../text/name-part';
import { nicknameGroups, oneGivenName, shareNicknameGroup } from '../text/nicknames';

/**
 * Whether two records give the same forenames: the rule that tells one person from a twin inside
 * a household. Twins share a surname, a birthday and a home, and are often given alike names
 * (Tom and Tim, Lily-Mae and Lily-Rose, Mohammed Imran and Mohammed Asif, Piran James and Petroc
 * James), so this is deliberately stricter than the forename score (`forenameLevel`).
 *
 * Two forename fields are the same when:
 * 1. written without hyphens and spaces they are one word: a compound with or without its hyphen
 *    or space (Mary-Jane / Mary Jane / Maryjane, Anne-Marie / Annemarie);
 * 2. otherwise, the first names are one name (the same, or a diminutive, spelling or
 *    transliteration of it: Bob / Robert; a hyphenated compound is one name, and may be written as
 *    two: Anne-Marie / Anne Marie Louise) and the further names do not contradict each other: one
 *    side gives none (Piran James / Piran), or the two share one (the same, a nickname, or an
 *    initial of it: Mohammed Imran / Mohammed I), or they are the same compound. Different further
 *    names (Mary Kate / Mary Ann) are two people.
 *
 * Two names registered in their own right are two names even where a nickname group joins them
 * (Jack / John, Liam / William, Molly / Mary: `oneGivenName`), since parents name twins that way.
 *
 * A close spelling or sound, a shared middle name under different first names, a compound against
 * its first part (Lily-Mae / Lily) and a bare initial (P / Piran: it fits every sibling whose name
 * starts with it) are not the same forenames. A name a record carries as an alias counts as its own.
 */
export function sameForenames(a: PreparedRecord, b: PreparedRecord): boolean {
  return someFieldPair(a, b, sameForenameField);
}

/**
 * Whether two records give exactly the same forenames: one word without hyphens and spaces, or
 * the same first name (equal, a nickname, a compound written as two) followed by the same further
 * names. Unlike {@link sameForenames}, a side lacking a middle name or giving only its initial is
 * not enough: "Mohammed" or "Mohammed I" fits Mohammed Imran and his twin Mohammed Ibrahim alike,
 * so a record like that cannot vouch for either twin against the other's record.
 */
export function exactForenames(a: PreparedRecord, b: PreparedRecord): boolean {
  return someFieldPair(a, b, exactForenameField);
}

/**
 * Whether a record's forenames are exactly the other record's surname: the other record was
 * written crosswise (`Crea Lauren` for Lauren Crea) and still gives exactly these forenames.
 */
export function exactForenamesCrosswise(a: PreparedRecord, b: PreparedRecord): boolean {
  const surnameB = b.surname;
  return surnameB !== undefined && forenamesOf(a).some((nameA) => exactForenameField(nameA, surnameB));
}

function someFieldPair(a: PreparedRecord, b: PreparedRecord, same: (a: NamePart, b: NamePart) => boolean): boolean {
  const namesB = forenamesOf(b);
  return forenamesOf(a).some((nameA) => namesB.some((nameB) => same(nameA, nameB)));
}

function forenamesOf(record: PreparedRecord): readonly NamePart[] {
  return record.forenames === undefined ? record.aliasForenames : [record.forenames, ...record.aliasForenames];
}

/**
 * Whether both forename fields give names after one first name, and those further names are not
 * one person's (Mohammed Imran / Mohammed Asif, Lily-Mae / Lily-Rose, Bob James / Robert John):
 * the forename score must not call such a pair exact for sharing the first name. Names compare as
 * the forename score compares them (any nickname group); a side giving no further name, an initial
 * of one, or one further name in common does not differ.
 */
export function furtherNamesDiffer(a: NamePart, b: NamePart): boolean {
  return a.tokens.length > 1 && b.tokens.length > 1 && !sameForenameField(a, b, sameNickname);
}

function sameForenameField(a: NamePart, b: NamePart, oneName: OneName = oneGivenName): boolean {
  if (a.compact === b.compact) return true;
  const further = furtherNamesAfterSameFirstName(a.names, b.names, oneName);
  if (further === undefined) return false;
  const [furtherA, furtherB] = further;
  if (furtherA.length === 0 || furtherB.length === 0) return true;
  if (furtherA.join('') === furtherB.join('')) return true;
  return furtherA.some((nameA) => furtherB.some((nameB) => sameName(nameA, nameB, oneName, { initials: true })));
}

function exactForenameField(a: NamePart, b: NamePart): boolean {
  if (a.compact === b.compact) return true;
  const further = furtherNamesAfterSameFirstName(a.names, b.names, oneGivenName);
  if (further === undefined) return false;
  const [furtherA, furtherB] = further;
  if (furtherA.join('') === furtherB.join('')) return true;
  return (
    furtherA.length === furtherB.length &&
    furtherA.every((nameA, index) => sameName(nameA, furtherB[index] ?? '', oneGivenName, { initials: false }))
  );
}

/** Whether two different normalised names are one name. */
type OneName = (a: string, b: string) => boolean;

const sameNickname: OneName = (a, b) => shareNicknameGroup(nicknameGroups(a), nicknameGroups(b));

/**
 * The names after the first name of each, when the first names are one name; a compound on one
 * side may be written as separate names on the other (ANNEMARIE / ANNE MARIE LOUISE).
 */
function furtherNamesAfterSameFirstName(
  a: readonly string[],
  b: readonly string[],
  oneName: OneName,
): [readonly string[], readonly string[]] | undefined {
  const [firstA, firstB] = [a[0], b[0]];
  if (firstA === undefined || firstB === undefined) return undefined;
  if (sameName(firstA, firstB, oneName, { initials: false })) return [a.slice(1), b.slice(1)];
  const splitB = namesSpelling(firstA, b);
  if (splitB !== undefined) return [a.slice(1), b.slice(splitB)];
  const splitA = namesSpelling(firstB, a);
  if (splitA !== undefined) return [a.slice(splitA), b.slice(1)];
  return undefined;
}

/** How many leading names, run together, spell the compound; undefined if none do. */
function namesSpelling(compound: string, names: readonly string[]): number | undefined {
  let joined = '';
  for (let count = 1; count <= names.length; count++) {
    joined += names[count - 1];
    if (joined === compound) return count > 1 ? count : undefined;
    if (joined.length >= compound.length || !compound.startsWith(joined)) return undefined;
  }
  return undefined;
}

/** One name: the same, one name by `oneName`, and (for further names only) an initial of it. */
function sameName(a: string, b: string, oneName: OneName, { initials }: { initials: boolean }): boolean {
  if (a === b) return true;
  if (initials && (a.length === 1 || b.length === 1)) return a[0] === b[0];
  return oneName(a, b);
}
