import type { Actor } from '../../../event-store/src/port/event-envelope';

export const ROLES = ['coordinator', 'practitioner', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller: who they are, which agency they act for, what they may do, which panels they sit on. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly agency: string;
  readonly roles: readonly Role[];
  readonly panels: readonly string[];
}

export const toActor = (principal: Principal): Actor => ({
  id: principal.id,
  name: principal.name,
  agency: principal.agency,
  roles: [...principal.roles],
});

export type ClaimRule = 'claim-required' | 'no-control-characters' | 'max-length' | 'invalid-claim';

/** Says which claim broke which rule, so the 401 can name both. */
export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
  constructor(
    message: string,
    readonly claim: string,
    readonly rule: ClaimRule,
  ) {
    super(message);
  }
}

/**
 * Claims end up as the actor of immutable events and in exports: a line break forges a log or CSV
 * line, a NUL trips databases and C tools, and a 5,000-character subject bloats every event.
 * The limits are well above any real identity provider's values.
 */
export const CLAIM_LIMITS = { sub: 255, name: 200, agency: 200, panel: 32, panels: 100 } as const;
// C0/C1 controls (NUL, tab, CR, LF, ...) and the Unicode line and paragraph separators.
export const CONTROL_OR_LINE_BREAK = /[\p{Cc}\u2028\u2029]/u;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function checkedText(claim: string, value: string, max: number): string {
  if (CONTROL_OR_LINE_BREAK.test(value)) {
    throw new InvalidClaimsError(
      `the ${claim} claim must not contain control characters or line breaks`,
      claim,
      'no-control-characters',
    );
  }
  if (value.length > max) {
    throw new InvalidClaimsError(`the ${claim} claim must be at most ${max} characters`, claim, 'max-length');
  }
  return value;
}

function requiredText(claims: Record<string, unknown>, claim: 'sub' | 'name' | 'agency'): string {
  const value = claims[claim];
  if (typeof value !== 'string' || value === '') {
    throw new InvalidClaimsError(`token has no ${claim} claim`, claim, 'claim-required');
  }
  return checkedText(claim, value, CLAIM_LIMITS[claim]);
}

function panelCodes(panels: unknown): string[] {
  if (panels === undefined) return [];
  if (!isStringArray(panels)) {
    throw new InvalidClaimsError('token panels claim must be an array of panel codes', 'panels', 'invalid-claim');
  }
  if (panels.length > CLAIM_LIMITS.panels) {
    throw new InvalidClaimsError(
      `the panels claim must list at most ${CLAIM_LIMITS.panels} panels`,
      'panels',
      'max-length',
    );
  }
  return panels.map((p) => checkedText('panels', p, CLAIM_LIMITS.panel).toUpperCase());
}

/** Claims → principal; a token without the claims the audit trail needs is refused, not patched up. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const id = requiredText(claims, 'sub');
  const name = requiredText(claims, 'name');
  const agency = requiredText(claims, 'agency');
  const { roles } = claims;
  if (!isStringArray(roles)) {
    throw new InvalidClaimsError('token roles claim must be an array of strings', 'roles', 'invalid-claim');
  }
  const unknownRoles = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknownRoles.length > 0) {
    throw new InvalidClaimsError(`token has unknown roles: ${unknownRoles.join(', ')}`, 'roles', 'invalid-claim');
  }
  return { id, name, agency, roles: roles as Role[], panels: panelCodes(claims.panels) };
}
