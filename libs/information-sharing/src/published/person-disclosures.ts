/**
 * What person views ask information sharing: which person fields are open to this reader now,
 * through disclosures recorded on any of the person's ids (a merged person keeps the
 * disclosures made about each of the ids merged into it).
 */
import type { Principal } from '../../../platform/src/auth/principal';

export interface PersonDisclosures {
  openOnPeople(personIds: readonly string[], reader: Principal, now: Date): ReadonlySet<string>;
}

export const PERSON_DISCLOSURES = Symbol('PersonDisclosures');
