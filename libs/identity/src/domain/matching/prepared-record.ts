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

/** A name a person goes by: forenames with the surname used with them. */
export interface PreparedName {
  readonly forenames?: NamePart;
  readonly surname?: NamePart;
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
  /**
   * The recorded name, then each alias as the name it is: its forenames with its own surname. An
   * alias of forenames only (a "known as" or street name) goes with the recorded surname, one of a
   * surname only (a previous surname) with the recorded forenames.
   */
  readonly names: readonly PreparedName[];
  readonly dateOfBirth?: DateOfBirth;
  readonly sex?: 'male' | 'female';
  readonly postcode?: PostcodeParts;
  readonly address?: AddressParts;
  readonly identifiers: readonly PreparedIdentifier[];
}

export function prepareRecord(record: PersonRecord): PreparedRecord {
  const forenames = parseNamePart(record.forenames);
  const surname = parseNamePart(record.surname);
  const aliasForenames: NamePart[] = [];
  const aliasSurnames: NamePart[] = [];
  const names: PreparedName[] = [
    { ...(forenames === undefined ? {} : { forenames }), ...(surname === undefined ? {} : { surname }) },
  ];
  for (const alias of record.aliases ?? []) {
    const aliasForename = parseNamePart(alias.forenames);
    const aliasSurname = parseNamePart(alias.surname);
    if (aliasForename !== undefined) aliasForenames.push(aliasForename);
    if (aliasSurname !== undefined) aliasSurnames.push(aliasSurname);
    if (aliasForename === undefined && aliasSurname === undefined) continue;
    const aliasName = { forenames: aliasForename ?? forenames, surname: aliasSurname ?? surname };
    names.push({
      ...(aliasName.forenames === undefined ? {} : { forenames: aliasName.forenames }),
      ...(aliasName.surname === undefined ? {} : { surname: aliasName.surname }),
    });
  }
  const identifiers: PreparedIdentifier[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const value = normaliseIdentifier(kind, record.identifiers?.[kind]);
    if (value !== undefined) identifiers.push({ kind, value });
  }
  const dateOfBirth = parseDateOfBirth(record.dateOfBirth);
  const postcode = parsePostcode(record.postcode);
  const address = parseAddress(record.address);
  return {
    recordId: record.recordId,
    ...(forenames === undefined ? {} : { forenames }),
    ...(surname === undefined ? {} : { surname }),
    aliasForenames,
    aliasSurnames,
    names,
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(record.sex === 'male' || record.sex === 'female' ? { sex: record.sex } : {}),
    ...(postcode === undefined ? {} : { postcode }),
    ...(address === undefined ? {} : { address }),
    identifiers,
  };
}
