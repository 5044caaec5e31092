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
  /**
   * What each of those disclosures opened, and the panel it acted for (a case disclosure its
   * case's, a person disclosure the one it names; null for an old entry fitting no single panel):
   * a disclosure opens a field only as that panel sees it.
   */
  readonly byDisclosure: readonly {
    readonly disclosureId: string;
    readonly panel: string | null;
    readonly fields: readonly string[];
  }[];
}

export interface PersonDisclosures {
  openOnPeople(personIds: readonly string[], reader: Principal, now: Date): OpenOnPeople;
}

export const PERSON_DISCLOSURES = Symbol('PersonDisclosures');
