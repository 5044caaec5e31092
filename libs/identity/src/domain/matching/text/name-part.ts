import { nicknameGroups } from './nicknames';
import { normaliseText, tokens } from './normalise-text';
import { phoneticCodes } from './phonetic';

/** A forename or surname field pre-digested once per record, so comparing pairs allocates nothing. */
export interface NamePart {
  /** Normalised tokens joined by single spaces (`MARY ANNE`). */
  readonly text: string;
  /** The same without spaces (`MARYANNE`): surnames compare on this, so `Mc Donald` = `McDonald`. */
  readonly compact: string;
  readonly tokens: readonly string[];
  /** First token: forenames compare on the name a person is called by, not the middle names. */
  readonly first: string;
  readonly firstCodes: readonly string[];
  readonly compactCodes: readonly string[];
  readonly firstNicknameGroups: readonly number[];
  /**
   * The names as written, a hyphenated compound kept as one name (`Lily-Mae Rose` -> `LILYMAE`,
   * `ROSE`): `tokens` splits at the hyphen, but Lily-Mae and Lily-Rose are two different names.
   */
  readonly names: readonly string[];
  /**
   * Tells name parts apart as the comparisons see them: two with one key score alike against any
   * other name, so an incoming record compared with thousands of records works out each distinct
   * name once. The text, and the names as written when a hyphen joined two of them (`Lily-Mae`
   * and `Lily Mae` are both `LILY MAE`, but only one is a single name).
   */
  readonly key: string;
}

/** A hyphen (or dash), with any spaces around it, between two parts of one name. */
const HYPHEN_JOINING_NAMES = /\s*[-\u2010-\u2014]\s*/g;

export function parseNamePart(raw: string | undefined): NamePart | undefined {
  if (raw === undefined) return undefined;
  const text = normaliseText(raw);
  if (text === '') return undefined;
  const parts = tokens(text);
  const first = parts[0] ?? '';
  const compact = parts.join('');
  const firstCodes = phoneticCodes(first);
  const names = tokens(normaliseText(raw.replace(HYPHEN_JOINING_NAMES, '')));
  const written = names.join(' ');
  return {
    text,
    compact,
    tokens: parts,
    first,
    firstCodes,
    compactCodes: parts.length === 1 ? firstCodes : phoneticCodes(compact),
    firstNicknameGroups: nicknameGroups(first),
    names,
    // No text holds '/', so the two forms of key never meet.
    key: written === text ? text : `${text}/${written}`,
  };
}
