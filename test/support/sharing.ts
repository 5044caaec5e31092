import request from 'supertest';
import type { TestUser } from './tokens';

/** A public-task basis under UK GDPR, enough for a data sharing agreement between statutory partners. */
export const PUBLIC_TASK = { regime: 'uk-gdpr', article6: 'e-public-task' };

/** A data sharing agreement between the police and probation, in force since April 2024. */
export const POLICE_PROBATION_DSA = {
  title: 'Police and Probation DSA',
  parties: ['Metropolitan Police', 'Probation'],
  purpose: 'Managing offenders who pose a risk to victims',
  lawfulBasis: PUBLIC_TASK,
  reviewDate: '2030-04-01',
  inForceFrom: '2024-04-01',
};

/** Special category data shared to safeguard a victim at risk: Art. 6(1)(e), 9(2)(g) and DPA 2018 Sch. 1 para 18. */
export const SAFEGUARDING_BASIS = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};

/**
 * The people a sharing spec needs: the admin who signs agreements, the police MARAC coordinator who
 * discloses, a Probation officer on MARAC (a would-be recipient) and an auditor who sees every entry.
 * `tag` keeps each spec's subjects apart.
 */
export function sharingUsers(tag: string): Record<'ADMIN' | 'MARAC_C' | 'PROBATION_ON_MARAC' | 'AUDITOR', TestUser> {
  return {
    ADMIN: { sub: `ig-${tag}`, agency: 'Partnership Information Governance', roles: ['admin'] },
    MARAC_C: { sub: `marac-${tag}`, agency: 'Metropolitan Police', roles: ['coordinator'], panels: ['MARAC'] },
    PROBATION_ON_MARAC: { sub: `probation-${tag}`, agency: 'Probation', roles: ['practitioner'], panels: ['MARAC'] },
    AUDITOR: { sub: `auditor-${tag}`, agency: 'ICO liaison', roles: ['auditor'] },
  };
}

/** A body signing an agreement between `parties`, in force since April 2024; `extra` overrides any of it. */
export const agreementBody = (parties: readonly string[], extra: Record<string, unknown> = {}) => ({
  title: `DSA ${parties.join('/')}`,
  parties,
  purpose: 'Protecting high-risk victims',
  lawfulBasis: SAFEGUARDING_BASIS,
  reviewDate: '2030-04-01',
  inForceFrom: '2024-04-01',
  ...extra,
});

/** A body sharing a case's status with consent under agreement `dsaId`; `extra` overrides any of it. */
export const disclosureBody = (caseId: string, dsaId: string, extra: Record<string, unknown> = {}) => ({
  toAgency: 'Haringey Council',
  caseId,
  fields: ['status'],
  purpose: 'Safety planning',
  lawfulBasis: SAFEGUARDING_BASIS,
  dsaId,
  consent: { given: true },
  ...extra,
});

export interface SharingClientOptions {
  /** Where the API listens; asked at each call, as a spec only knows it once its beforeAll has run. */
  readonly baseUrl: () => string;
  /** Each user's token, filled in by the spec before its first call. */
  readonly tokens: ReadonlyMap<TestUser, string>;
  /** Signs the agreements. */
  readonly admin: TestUser;
  /** Makes the disclosures. */
  readonly discloser: TestUser;
  /** X-Purpose on every call; none when left out. */
  readonly purpose?: string;
  /**
   * Reads wait for every write seen so far (X-Min-Position from the `position` writes answer); left
   * out, they answer from the read models as they stand.
   */
  readonly readYourWrites?: boolean;
  /** Put into every agreement signed (e.g. `occurredAt`, the day it was signed), before `extra`. */
  readonly agreement?: Record<string, unknown>;
}

export interface SharingClient {
  send(user: TestUser, method: 'get' | 'post', url: string, body?: object): Promise<request.Response>;
  /** The answer to signing an agreement between `parties`, whatever it is. */
  sign(parties: readonly string[], extra?: Record<string, unknown>): Promise<request.Response>;
  /** Signs an agreement between `parties`, expecting 201, and answers its id. */
  signed(parties: readonly string[], extra?: Record<string, unknown>): Promise<string>;
  /** The discloser's answer to sharing the case's status under `dsaId`. */
  share(caseId: string, dsaId: string, extra?: Record<string, unknown>): Promise<request.Response>;
}

/** The calls a sharing spec makes over HTTP, each as the user named and with the spec's purpose. */
export function sharingClient(options: SharingClientOptions): SharingClient {
  let lastPosition = 0;
  const send: SharingClient['send'] = async (user, method, url, body) => {
    let call = request(options.baseUrl())
      [method](url)
      .set('Authorization', `Bearer ${options.tokens.get(user) ?? ''}`);
    if (options.purpose !== undefined) call = call.set('X-Purpose', options.purpose);
    if (method === 'post') call = call.send(body);
    else if (options.readYourWrites) call = call.set('X-Min-Position', String(lastPosition));
    const response = await call;
    if (options.readYourWrites && typeof response.body?.position === 'number')
      lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const sign: SharingClient['sign'] = (parties, extra = {}) =>
    send(options.admin, 'post', '/v1/sharing-agreements', agreementBody(parties, { ...options.agreement, ...extra }));
  return {
    send,
    sign,
    signed: async (parties, extra) => {
      const r = await sign(parties, extra);
      expect(r.status).toBe(201);
      return r.body.dsaId as string;
    },
    share: (caseId, dsaId, extra) =>
      send(options.discloser, 'post', '/v1/disclosures', disclosureBody(caseId, dsaId, extra)),
  };
}
