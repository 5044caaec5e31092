import { SignJWT } from 'jose';
import type { Role } from '../../libs/platform/src/auth/principal';

export const TEST_JWT_SECRET = 'test-secret-for-the-suite-only-0123456789abcdef';

export interface TestUser {
  readonly sub: string;
  readonly name?: string;
  readonly agency?: string;
  readonly roles: readonly Role[];
  readonly panels?: readonly string[];
}

export async function tokenFor(user: TestUser, secret: string = TEST_JWT_SECRET, expiresIn = '1h'): Promise<string> {
  return new SignJWT({
    name: user.name ?? `Test ${user.sub}`,
    agency: user.agency ?? 'Test Agency',
    roles: [...user.roles],
    panels: [...(user.panels ?? [])],
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export const COORDINATOR_ALL_PANELS: TestUser = {
  sub: 'coordinator-1',
  name: 'Casey Coordinator',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['IOM', 'MARAC', 'ALLIANCE'],
};

export const ANALYST: TestUser = { sub: 'analyst-1', roles: ['analyst'] };

export const AUDITOR: TestUser = { sub: 'auditor-1', roles: ['auditor'] };

/** A coordinator who may not see MARAC: what is withheld from readers outside MARAC is withheld from them. */
export const IOM_ONLY_COORDINATOR: TestUser = { sub: 'iom-only-1', roles: ['coordinator'], panels: ['IOM'] };
