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

/**
 * A value that passes its check but is what systems fill in when the real one is not known
 * (`0000000000`, `00/0000000Z`). It names nobody, so it must never make two people one or keep
 * one person apart: refused on input, and no identifier to the matcher.
 */
export const placeholderIdentifier = (kind: IdentifierKind, message: string): IdentifierValidation =>
  invalidIdentifier(`${kind}.placeholder`, message);

/** The rule a placeholder is refused under wherever it is given (the API, an upload's rows), whatever its kind. */
export const PLACEHOLDER_IDENTIFIER_RULE = 'placeholder-identifier';

export const isPlaceholderRefusal = (result: IdentifierValidation): boolean =>
  !result.ok && result.rule.endsWith('.placeholder');

/** A check that fails: some character is mistyped, and only the source can say which. */
export const mistyped = (name: string, check: string): string =>
  `The ${name}'s ${check} does not fit the rest of it: a character is mistyped; check the number at its source`;

/** Upper-cases and drops all whitespace: people write `sf 95/ 123456a` as often as the canonical form. */
export function compact(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
