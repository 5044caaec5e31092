import type { IdentifierField, PersonIdentifiers } from '../domain';
import type { CorrectedIdentifiersDto } from './dto/person.dto';

/** The API's names (those of a referral's identifiers) and the record's. */
const FIELD_OF = { pnc: 'pnc', cro: 'cro', nhsNumber: 'nhs', noms: 'noms', crn: 'crn' } as const satisfies Record<
  keyof CorrectedIdentifiersDto,
  IdentifierField
>;

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
