import { normaliseIdentifier, type IdentifierKind } from '../../../../identity/src/domain/identifiers';
import type { MatchResult, PersonRecord } from '../../../../identity/src/domain/matching';
import { toPersonRecord } from '../../../../identity/src/domain/person-links';
import {
  IDENTIFIER_FIELDS,
  IDENTIFIER_KIND_OF_FIELD,
  type PersonDetails,
  type PersonIdentifiers,
} from '../../domain/events/person-events';
import type { CorrectedAway } from './identifiers-corrected-away';

/** Where a value was corrected away: the record it was taken off, and the case it was corrected through. */
interface Correction {
  readonly recordId: string;
  readonly caseId: string;
}

/** What a recorded change of details says about why, as `person-details-recorded` and its record form carry it. */
interface Said {
  readonly reason?: unknown;
  readonly source?: unknown;
}

/** Only what the resolver's index answers is read: the same scoring and people a resolution reads. */
export interface IndexNow {
  match(record: PersonRecord): MatchResult;
  personOfRecord(recordId: string): string | undefined;
  identifiersOf(personId: string): readonly PersonIdentifiers[];
}

const key = (kind: IdentifierKind, value: string) => `${kind}:${value}`;

/**
 * Identifier values corrected away from a record (replaced or removed, with a reason, through a
 * case's person-details), kept by value in canonical form. The record no longer carries the old
 * value, so nothing else remembers it; yet an extract not fixed at source brings it back, and as
 * another valid value than the one he holds now it would never link to him.
 */
export class CorrectedValues {
  private readonly byValue = new Map<string, Correction[]>();

  /** A change of `recordId`'s details: each value it held before and not after, when said why through a case. */
  apply(recordId: string, before: PersonDetails, after: PersonDetails, { reason, source }: Said): void {
    if (typeof reason !== 'string' || reason.trim() === '' || typeof source !== 'string') return;
    for (const field of IDENTIFIER_FIELDS) {
      const kind = IDENTIFIER_KIND_OF_FIELD[field];
      const was = normaliseIdentifier(kind, before.identifiers[field]);
      if (was === undefined || was === normaliseIdentifier(kind, after.identifiers[field])) continue;
      const corrections = this.byValue.get(key(kind, was)) ?? [];
      if (!corrections.some((c) => c.recordId === recordId && c.caseId === source))
        corrections.push({ recordId, caseId: source });
      this.byValue.set(key(kind, was), corrections);
    }
  }

  /**
   * Each value of `details` corrected away from a record of a person the rest of `details` links
   * to on the matcher's own scoring (that value left out, so his new value cannot conflict), and
   * who holds the value on none of his records now (set back since, it is his again).
   */
  correctedAwayFrom(details: PersonDetails, index: IndexNow): CorrectedAway[] {
    const found: CorrectedAway[] = [];
    for (const field of IDENTIFIER_FIELDS) {
      const kind = IDENTIFIER_KIND_OF_FIELD[field];
      const value = normaliseIdentifier(kind, details.identifiers[field]);
      const corrections = value === undefined ? [] : (this.byValue.get(key(kind, value)) ?? []);
      if (value === undefined || corrections.length === 0) continue;
      const { [field]: _left, ...others } = details.identifiers;
      const { candidates } = index.match(toPersonRecord('corrected-value-check', { ...details, identifiers: others }));
      const linksTo = new Set(candidates.filter((c) => c.outcome === 'link').map((c) => c.personId));
      for (const { recordId, caseId } of corrections) {
        const personId = index.personOfRecord(recordId);
        if (personId === undefined || !linksTo.has(personId)) continue;
        const holdsIt = index.identifiersOf(personId).some((ids) => normaliseIdentifier(kind, ids[field]) === value);
        if (!holdsIt) found.push({ kind, personId, caseId });
      }
    }
    return found;
  }
}
