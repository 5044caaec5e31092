import { IDENTIFIER_KINDS, normaliseIdentifier, type IdentifierKind } from '../identifiers';
import type { PersonRecord } from './person-record';
import { parseAddress, type AddressParts } from './text/address';
import { parseDateOfBirth, type DateOfBirth } from './text/date-of-birth';
import { parseNamePart, type NamePart } from './text/name-part';
import { parsePostcode, type PostcodeParts } from './text/postcode';

export interface PreparedIdentifier {
  readonly kind: IdentifierKind;
  /** Canonical form; only valid identifiers are kept. */
  readonly value: string;
}

/**
 * A record normalised once when it enters the matcher: every pairwise comparison then works on
 * ready-made tokens, phonetic codes and parsed dates.
 */
export interface PreparedRecord {
  readonly recordId: string;
  readonly forenames?: NamePart;
  readonly surname?: NamePart;
  readonly aliasForenames: readonly NamePart[];
  readonly aliasSurnames: readonly NamePart[];
  readonly dateOfBirth?: DateOfBirth;
  readonly sex?: 'male' | 'female';
  readonly postcode?: PostcodeParts;
  readonly address?: AddressParts;
  readonly identifiers: readonly PreparedIdentifier[];
}

export function prepareRecord(record: PersonRecord): PreparedRecord {
  const aliasForenames: NamePart[] = [];
  const aliasSurnames: NamePart[] = [];
  for (const alias of record.aliases ?? []) {
    const forenames = parseNamePart(alias.forenames);
    const surname = parseNamePart(alias.surname);
    if (forenames !== undefined) aliasForenames.push(forenames);
    if (surname !== undefined) aliasSurnames.push(surname);
  }
  const identifiers: PreparedIdentifier[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const value = normaliseIdentifier(kind, record.identifiers?.[kind]);
    if (value !== undefined) identifiers.push({ kind, value });
  }
  const forenames = parseNamePart(record.forenames);
  const surname = parseNamePart(record.surname);
  const dateOfBirth = parseDateOfBirth(record.dateOfBirth);
  const postcode = parsePostcode(record.postcode);
  const address = parseAddress(record.address);
  return {
    recordId: record.recordId,
    ...(forenames === undefined ? {} : { forenames }),
    ...(surname === undefined ? {} : { surname }),
    aliasForenames,
    aliasSurnames,
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(record.sex === 'male' || record.sex === 'female' ? { sex: record.sex } : {}),
    ...(postcode === undefined ? {} : { postcode }),
    ...(address === undefined ? {} : { address }),
    identifiers,
  };
}
