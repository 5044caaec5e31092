import type { IdentifierKind } from '../../../../identity/src/domain/identifiers';
import type { ReferredPerson } from './person-resolver';

/** An identifier a referred person carries that was corrected away from the record of someone they match. */
export interface CorrectedAway {
  readonly kind: IdentifierKind;
  /** Who holds the record it was taken off, now (after merges and splits). */
  readonly personId: string;
  /** The case it was corrected through. */
  readonly caseId: string;
}

/**
 * What a resolver that keeps the matcher's index can tell a bulk import before it resolves a row:
 * whether the row brings back a value corrected away from someone it otherwise matches. Resolved,
 * such a row is another valid value than the one he holds now, which never links: a second person.
 */
export interface IdentifiersCorrectedAway {
  /** Each such value of `person`, with whom and through which case it was corrected. Writes nothing. */
  identifiersCorrectedAway(person: ReferredPerson): Promise<CorrectedAway[]>;
}

/** A resolver keeping no index (the deterministic one) cannot tell: its rows are resolved as before. */
export const remembersCorrections = (resolver: object): resolver is IdentifiersCorrectedAway =>
  'identifiersCorrectedAway' in resolver;
