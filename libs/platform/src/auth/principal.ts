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

export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Claims → principal; a token without the claims the audit trail needs is refused, not patched up. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, name, agency, roles, panels } = claims;
  if (typeof sub !== 'string' || sub === '') throw new InvalidClaimsError('token has no sub claim');
  if (typeof name !== 'string' || name === '') throw new InvalidClaimsError('token has no name claim');
  if (typeof agency !== 'string' || agency === '') throw new InvalidClaimsError('token has no agency claim');
  if (!isStringArray(roles)) throw new InvalidClaimsError('token roles claim must be an array of strings');
  const unknownRoles = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknownRoles.length > 0) throw new InvalidClaimsError(`token has unknown roles: ${unknownRoles.join(', ')}`);
  if (panels !== undefined && !isStringArray(panels)) {
    throw new InvalidClaimsError('token panels claim must be an array of panel codes');
  }
  return { id: sub, name, agency, roles: roles as Role[], panels: (panels ?? []).map((p) => p.toUpperCase()) };
}
