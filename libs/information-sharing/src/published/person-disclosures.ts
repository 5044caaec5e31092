/**
 * What person views ask information sharing: which person fields are open to this reader now,
 * through disclosures recorded on any of the person's ids (a merged person keeps the
 * disclosures made about each of the ids merged into it).
 */
import type { Principal } from '../../../platform/src/auth/principal';

/** The person fields open to the reader, and the disclosures that opened them (for the audit trail). */
export interface OpenOnPeople {
  readonly fields: ReadonlySet<string>;
  readonly disclosureIds: readonly string[];
}

export interface PersonDisclosures {
  openOnPeople(personIds: readonly string[], reader: Principal, now: Date): OpenOnPeople;
}

export const PERSON_DISCLOSURES = Symbol('PersonDisclosures');
