import { Rejection } from '../../../command-handling/src/rejections';
import { IDENTIFIER_KIND_OF_FIELD, type IdentifierField, type PersonIdentifiers } from '../domain';
import type { CorrectedIdentifiersDto } from './dto/person.dto';

/** The API's names (those of a referral's identifiers) and the record's. */
const FIELD_OF = Object.fromEntries(
  Object.entries(IDENTIFIER_KIND_OF_FIELD).map(([field, kind]) => [kind, field]),
) as Readonly<Record<keyof CorrectedIdentifiersDto, IdentifierField>>;

/** What a correction sets (as given: the matcher and views normalise) and what it removes. */
export interface IdentifierCorrection {
  readonly set: PersonIdentifiers;
  readonly removed: readonly IdentifierField[];
}

/** Undefined when no identifier is sent (absent, or an empty object). */
export function identifierCorrection(sent: CorrectedIdentifiersDto | undefined): IdentifierCorrection | undefined {
  if (sent === undefined) return undefined;
  const set: { -readonly [K in IdentifierField]?: string } = {};
  const removed: IdentifierField[] = [];
  for (const [kind, field] of Object.entries(FIELD_OF) as [keyof CorrectedIdentifiersDto, IdentifierField][]) {
    const value = sent[kind];
    if (value === null) removed.push(field);
    else if (value !== undefined) set[field] = value;
  }
  return Object.keys(set).length === 0 && removed.length === 0 ? undefined : { set, removed };
}

const RECORD_NAMES = new RegExp(`identifiers\\.(${Object.values(FIELD_OF).join('|')})\\b`, 'g');
const API_NAME = Object.fromEntries(Object.entries(FIELD_OF).map(([api, field]) => [field, api]));

/**
 * A refusal the deciders word with the record's names (`identifiers.nhs`), named as the client sent
 * the field (`identifiers.nhsNumber`), so it can point at what to change.
 */
export function inClientNames(error: unknown): unknown {
  if (!(error instanceof Rejection)) return error;
  const rename = (text: string) => text.replace(RECORD_NAMES, (_, field: string) => `identifiers.${API_NAME[field]}`);
  return new Rejection(
    error.kind,
    error.rule,
    rename(error.message),
    error.details.map((detail) => ({
      ...detail,
      ...(detail.field === undefined ? {} : { field: rename(detail.field) }),
      message: rename(detail.message),
    })),
  );
}
