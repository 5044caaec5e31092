import type { IdentifierKind } from '../identifiers';

/** Another name a person is recorded or known under (maiden name, street name, alias given to police). */
export interface PersonAlias {
  readonly forenames?: string;
  readonly surname?: string;
}

/** Only male and female are compared; anything else counts as missing, never as a mismatch. */
export type RecordedSex = 'male' | 'female' | 'other' | 'unknown';

/**
 * One record about a person as a referral, upload or panel brings it in. Records, not people,
 * are what the matcher indexes: a person is the cluster of records linked to one `personId`.
 */
export interface PersonRecord {
  /** Unique per record (e.g. the referral's id), stable across re-indexing. */
  readonly recordId: string;
  readonly forenames: string;
  readonly surname: string;
  readonly aliases?: readonly PersonAlias[];
  /** `YYYY-MM-DD`; absent or unparseable dates are treated as missing. */
  readonly dateOfBirth?: string;
  readonly sex?: RecordedSex;
  readonly postcode?: string;
  /** Free-text first line(s) of the address, e.g. `Flat 2, 17 Park Lane`. */
  readonly address?: string;
  /** Raw values as recorded; invalid values are ignored by the matcher (never compared). */
  readonly identifiers?: Partial<Readonly<Record<IdentifierKind, string>>>;
}
