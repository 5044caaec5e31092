import { apiForSuite, type ApiSuite } from './api-suite';
import type { PeopleClient } from './people';
import { SAFEGUARDING_BASIS, agreementBody } from './sharing';
import type { TestUser } from './tokens';

/**
 * The people a spec on whom a disclosure opens needs: the admin who signs agreements, a police
 * coordinator on MARAC and IOM who refers, confirms and undoes merges, splits and discloses, and an
 * auditor. `tag` keeps each spec's subjects apart; `coordinatorName` names the coordinator.
 */
export function disclosingUsers(tag: string, coordinatorName?: string): Record<'ADMIN' | 'BOTH' | 'AUDITOR', TestUser> {
  return {
    ADMIN: { sub: `ig-${tag}`, agency: 'Partnership Information Governance', roles: ['admin'] },
    BOTH: {
      sub: `both-${tag}`,
      ...(coordinatorName === undefined ? {} : { name: coordinatorName }),
      agency: 'Metropolitan Police',
      roles: ['coordinator'],
      panels: ['MARAC', 'IOM'],
    },
    AUDITOR: { sub: `auditor-${tag}`, agency: 'ICO liaison', roles: ['auditor'] },
  };
}

/** A council practitioner on no panel the shares act for: a disclosure's recipient. */
export const councilPractitioner = (sub: string, agency: string): TestUser => ({
  sub,
  agency,
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
});

/** Signs an agreement between `parties`, expecting 201, and answers its id. */
export async function signedAgreement(client: PeopleClient, adminToken: string, parties: readonly string[]) {
  const signed = await client.post('/v1/sharing-agreements', adminToken, agreementBody(parties));
  expect(signed.status).toBe(201);
  return signed.body.dsaId as string;
}

/**
 * The real API for one describe block (`apiForSuite`) with an agreement between `parties`, signed
 * by the `admin` user before its first test. `dsaId()` answers the agreement's id inside tests.
 */
export function apiWithAgreement<User extends string>(
  users: Record<User | 'admin', TestUser>,
  parties: readonly string[],
): ApiSuite<User | 'admin'> & { readonly dsaId: () => string } {
  const suite = apiForSuite(users);
  let signed: string | undefined;
  beforeAll(async () => {
    signed = await signedAgreement(suite.client, suite.tokens.admin, parties);
  });
  const dsaId = () => {
    if (signed === undefined) throw new Error('the agreement is signed in beforeAll: use it inside a test or a hook');
    return signed;
  };
  return { ...suite, dsaId };
}

/**
 * A safeguarding share with consent for a home visit that must be recorded (201, no errors);
 * `share` names the recipient, the agreement, what it is about and the fields. Answers its id.
 */
export async function disclosed(client: PeopleClient, token: string, share: Record<string, unknown>) {
  const shared = await client.post('/v1/disclosures', token, {
    purpose: 'Home visit planning',
    lawfulBasis: SAFEGUARDING_BASIS,
    consent: { given: true },
    ...share,
  });
  expect({ status: shared.status, errors: shared.body.errors }).toEqual({ status: 201, errors: undefined });
  return shared.body.disclosureId as string;
}
