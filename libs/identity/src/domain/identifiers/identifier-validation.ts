/** The identifiers a person can carry across panels (see the domain README, "People across panels"). */
export const IDENTIFIER_KINDS = ['pnc', 'cro', 'nhsNumber', 'noms', 'crn'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export type IdentifierValidation =
  | { readonly ok: true; readonly normalised: string }
  | { readonly ok: false; readonly rule: string; readonly message: string };

export const valid = (normalised: string): IdentifierValidation => ({ ok: true, normalised });
export const invalidIdentifier = (rule: string, message: string): IdentifierValidation => ({
  ok: false,
  rule,
  message,
});

/** Upper-cases and drops all whitespace: people write `sf 95/ 123456a` as often as the canonical form. */
export function compact(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
