/**
 * What a disclosure can open, by name. A disclosure opens exactly these names to the receiving
 * agency and nothing else, so the names are a closed list rather than free text.
 *
 * Case fields are the fields of the case view (`GET /v1/cases/{id}`); person fields are those of
 * the person's details. `safeContactNumber` and `children` exist only on MARAC referrals and are
 * MARAC-restricted: they reach non-members only when a disclosure names them.
 */
export const CASE_FIELDS = [
  'panel',
  'personId',
  'status',
  'referredAt',
  'closedAt',
  'exitStatus',
  'currentStatus',
  'riskRating',
  'engagementLevel',
  'actions',
  'interventions',
  'listings',
  'details',
  'safeContactNumber',
  'children',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

export const PERSON_FIELDS = [
  'name',
  'aliases',
  'dateOfBirth',
  'sex',
  'ethnicity',
  'postcode',
  'address',
  'disability',
  'language',
  'identifiers',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export type DisclosableField = CaseField | PersonField;
export const DISCLOSABLE_FIELDS: readonly DisclosableField[] = [...new Set([...CASE_FIELDS, ...PERSON_FIELDS])];

/** Fields of a MARAC victim that only MARAC members see unless explicitly disclosed. */
export const MARAC_RESTRICTED_CASE_FIELDS: readonly CaseField[] = ['safeContactNumber', 'children'];
export const MARAC_RESTRICTED_PERSON_FIELDS: readonly PersonField[] = ['address', 'postcode'];

export const isCaseField = (field: string): field is CaseField => (CASE_FIELDS as readonly string[]).includes(field);
export const isPersonField = (field: string): field is PersonField =>
  (PERSON_FIELDS as readonly string[]).includes(field);
