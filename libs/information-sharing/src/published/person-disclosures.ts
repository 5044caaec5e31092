/**
 * What person views ask information sharing: which person fields are open to this reader now,
 * through the disclosures about the person as the person index holds them now.
 */
import type { Principal } from '../../../platform/src/auth/principal';

/** The person fields open to the reader, and the disclosures that opened them (for the audit trail). */
export interface OpenOnPerson {
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
    /**
     * For each field, the records its value came from when it was disclosed: it opens the field
     * from those only. Absent on an entry that kept none (recorded before they were kept).
     */
    readonly recordsBehind?: Readonly<Partial<Record<string, readonly string[]>>>;
    /** Where the entry was recorded in the log: it opens each record as it stood then. */
    readonly position: number;
    /** When it was made (`occurredAt`): the date a view gives its values as disclosed on. */
    readonly occurredAt: string;
  }[];
}

/** A person as the person index holds them now (an `IndexedPerson` is one). */
export interface PersonNow {
  readonly personId: string;
  /** Every other id that stands for them now (merged into them). */
  readonly mergedPersonIds: readonly string[];
  /** The cases they hold now, after merges and splits. */
  readonly cases: readonly { readonly caseId: string }[];
  /** The records they hold now: an entry about a person alone is theirs when one behind it is. */
  readonly records: readonly { readonly recordId: string }[];
}

export interface PersonDisclosures {
  /**
   * Whom a disclosure opens is whom the register's `?personId=` lists it under: an entry about a
   * case opens the person who holds that case now, so a split or an undone merge that moves the
   * case takes the disclosure with it; one about a person alone opens whoever holds a record behind
   * it now (one that kept none: whoever its id stands for). The person view opens each field only
   * from the records behind it that the person holds.
   */
  openOnPerson(person: PersonNow, reader: Principal, now: Date): OpenOnPerson;
}

export const PERSON_DISCLOSURES = Symbol('PersonDisclosures');
