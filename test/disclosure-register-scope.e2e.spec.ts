/**
 * The register is scoped by the case an entry is about, not only by agency: a police officer who
 * does not sit on MARAC must learn nothing of a MARAC colleague's decision not to share (its reason
 * often says where the victim is), and may not revoke what that colleague shared.
 */
import request from 'supertest';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';
import { POLICE_PROBATION_DSA, PUBLIC_TASK } from './support/sharing';

const ADMIN: TestUser = { sub: 'ig-rs', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_OFFICER: TestUser = {
  sub: 'police-marac-rs',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
/** The same officer after leaving MARAC: still the one who recorded the entries. */
const MARAC_OFFICER_LEFT: TestUser = { ...MARAC_OFFICER, panels: [] };
/** Same agency (spelt as another token might), IOM only: may be managing the perpetrator. */
const IOM_OFFICER: TestUser = {
  sub: 'police-iom-rs',
  agency: 'metropolitan  police',
  roles: ['practitioner'],
  panels: ['IOM'],
};
const NO_PANEL_OFFICER: TestUser = { sub: 'police-none-rs', agency: 'Metropolitan Police', roles: ['coordinator'] };
const COUNCIL_ON_MARAC: TestUser = {
  sub: 'council-marac-rs',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const PROBATION_ON_MARAC: TestUser = {
  sub: 'probation-marac-rs',
  agency: 'Probation',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const PROBATION_IOM: TestUser = {
  sub: 'probation-iom-rs',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const AUDITOR: TestUser = { sub: 'auditor-rs', agency: 'ICO liaison', roles: ['auditor'] };
const USERS = [
  ADMIN,
  MARAC_OFFICER,
  MARAC_OFFICER_LEFT,
  IOM_OFFICER,
  NO_PANEL_OFFICER,
  COUNCIL_ON_MARAC,
  PROBATION_ON_MARAC,
  PROBATION_IOM,
  AUDITOR,
];
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000feed';
const REFUGE = 'Victim in refuge at Elm House; perpetrator supervised by the recipient';

interface Entry {
  disclosureId: string;
  kind: string;
  open: boolean;
}

describe('disclosure register: scoped by the case an entry is about', () => {
  let api: TestApi;
  let baseUrl: string;
  let lastPosition = 0;
  const tokens = new Map<TestUser, string>();
  let maracCaseId: string;
  let victimId: string;
  let iomCaseId: string;
  let withheldId: string;
  let sharedId: string;
  let iomSharedId: string;

  const call = async (user: TestUser, method: 'get' | 'post', url: string, body?: object) => {
    const r = request(baseUrl)
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`);
    const response = await (method === 'post' ? r.send(body) : r.set('X-Min-Position', String(lastPosition)));
    if (typeof response.body?.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const page = async (user: TestUser, query: string) => {
    const response = await call(user, 'get', `/v1/disclosures?${query}`);
    expect(response.status).toBe(200);
    return response.body as { items: Entry[]; next?: { offset: number; limit: number } };
  };
  const idsSeen = async (user: TestUser, query: string) => (await page(user, query)).items.map((i) => i.disclosureId);
  const share = (user: TestUser, caseId: string, body: Record<string, unknown> = {}) =>
    call(user, 'post', '/v1/disclosures', {
      toAgency: 'Probation',
      caseId,
      fields: ['status'],
      purpose: 'Offender manager planning supervision',
      lawfulBasis: PUBLIC_TASK,
      dsaId,
      consent: { given: false, justification: 'Asking would put the victim at risk' },
      ...body,
    });
  let dsaId: string;
  const shapeOf = (body: Record<string, unknown>) => {
    const { correlationId: _c, message: _m, ...rest } = body;
    return rest;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    for (const user of USERS) tokens.set(user, await tokenFor(user));
    const marac = await call(
      MARAC_OFFICER,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Nia', surname: 'Okafor', dateOfBirth: '1991-05-05' }) }),
    );
    expect(marac.status).toBe(201);
    maracCaseId = marac.body.caseId;
    victimId = marac.body.personId;
    const iom = await call(IOM_OFFICER, 'post', '/v1/referrals', iomReferral());
    expect(iom.status).toBe(201);
    iomCaseId = iom.body.caseId;
    dsaId = (await call(ADMIN, 'post', '/v1/sharing-agreements', POLICE_PROBATION_DSA)).body.dsaId;
    const withheld = await call(MARAC_OFFICER, 'post', '/v1/disclosures/withheld', {
      toAgency: 'Probation',
      dsaId,
      caseId: maracCaseId,
      fields: ['address', 'postcode'],
      purpose: 'Probation asked where the victim lives',
      reason: REFUGE,
    });
    expect(withheld.status).toBe(201);
    withheldId = withheld.body.disclosureId;
    const shared = await share(MARAC_OFFICER, maracCaseId);
    expect(shared.status).toBe(201);
    sharedId = shared.body.disclosureId;
    const iomShared = await share(IOM_OFFICER, iomCaseId);
    expect(iomShared.status).toBe(201);
    iomSharedId = iomShared.body.disclosureId;
  });
  afterAll(async () => {
    await api.close();
  });

  it('shows a same-agency officer off the case’s panel nothing of it, in the register or by id', async () => {
    for (const user of [IOM_OFFICER, NO_PANEL_OFFICER]) {
      for (const query of [
        '',
        `personId=${victimId}`,
        `caseId=${maracCaseId}`,
        'kind=withheld',
        'agency=Metropolitan%20Police',
      ]) {
        const seen = await idsSeen(user, query);
        expect(seen).not.toContain(withheldId);
        expect(seen).not.toContain(sharedId);
      }
      const unknown = await call(user, 'get', `/v1/disclosures/${UNKNOWN_ID}`);
      for (const id of [withheldId, sharedId]) {
        const byId = await call(user, 'get', `/v1/disclosures/${id}`);
        expect(byId.status).toBe(404);
        expect(shapeOf(byId.body)).toEqual(shapeOf(unknown.body));
        expect(JSON.stringify(byId.body)).not.toContain('refuge');
      }
    }
    expect(await idsSeen(IOM_OFFICER, '')).toEqual([iomSharedId]);
    expect(await idsSeen(NO_PANEL_OFFICER, '')).toEqual([]);
  });

  it('answers a revocation from off the panel as for an unknown id, and the disclosure stays open', async () => {
    const unknown = await call(IOM_OFFICER, 'post', `/v1/disclosures/${UNKNOWN_ID}/revoke`, { reason: 'x' });
    for (const user of [IOM_OFFICER, NO_PANEL_OFFICER]) {
      const revoked = await call(user, 'post', `/v1/disclosures/${sharedId}/revoke`, { reason: 'tidying up' });
      expect(revoked.status).toBe(404);
      expect(shapeOf(revoked.body)).toEqual(shapeOf(unknown.body));
    }
    const entry = await call(PROBATION_IOM, 'get', `/v1/disclosures/${sharedId}`);
    expect(entry.body).toMatchObject({ kind: 'shared', open: true, revokedAt: null });
  });

  it('shows the entries to the case’s panel members of any agency, but never a decision not to share to its would-be recipient', async () => {
    expect(await idsSeen(COUNCIL_ON_MARAC, `caseId=${maracCaseId}`)).toEqual([withheldId, sharedId]);
    const one = await call(COUNCIL_ON_MARAC, 'get', `/v1/disclosures/${withheldId}`);
    expect(one.body).toMatchObject({ kind: 'withheld', reason: REFUGE });
    expect(await idsSeen(PROBATION_ON_MARAC, `caseId=${maracCaseId}`)).toEqual([sharedId]);
    expect((await call(PROBATION_ON_MARAC, 'get', `/v1/disclosures/${withheldId}`)).status).toBe(404);
    // The recipient agency holds what it received: it keeps the record of it, whatever its panels.
    expect(await idsSeen(PROBATION_IOM, '')).toEqual([sharedId, iomSharedId]);
    for (const user of [AUDITOR, ADMIN]) {
      expect(await idsSeen(user, '')).toEqual([withheldId, sharedId, iomSharedId]);
    }
    // Another agency's panel member knows the entry, so is told it is not theirs to revoke.
    const byCouncil = await call(COUNCIL_ON_MARAC, 'post', `/v1/disclosures/${sharedId}/revoke`, { reason: 'x' });
    expect(byCouncil.status).toBe(403);
  });

  it('pages and filters over what the reader may see only, so hidden entries leave no trace in counts', async () => {
    const first = await page(IOM_OFFICER, 'limit=1');
    expect(first).toEqual({ items: [expect.objectContaining({ disclosureId: iomSharedId })] });
    expect((await page(IOM_OFFICER, 'limit=1&offset=1')).items).toEqual([]);
    const councilFirst = await page(COUNCIL_ON_MARAC, 'limit=1');
    expect(councilFirst.items.map((i) => i.disclosureId)).toEqual([withheldId]);
    expect(councilFirst.next).toEqual({ offset: 1, limit: 1 });
    const councilSecond = await page(COUNCIL_ON_MARAC, 'limit=1&offset=1');
    expect(councilSecond).toEqual({ items: [expect.objectContaining({ disclosureId: sharedId })] });
    expect(await idsSeen(COUNCIL_ON_MARAC, 'kind=shared')).toEqual([sharedId]);
    expect(await idsSeen(COUNCIL_ON_MARAC, 'agency=Probation')).toEqual([withheldId, sharedId]);
    expect(await idsSeen(COUNCIL_ON_MARAC, `caseId=${iomCaseId}`)).toEqual([]);
  });

  it('lets the officer who recorded an entry still read and revoke it after leaving the panel', async () => {
    expect(await idsSeen(MARAC_OFFICER_LEFT, '')).toEqual([withheldId, sharedId]);
    const revoked = await call(MARAC_OFFICER_LEFT, 'post', `/v1/disclosures/${sharedId}/revoke`, {
      reason: 'Safety plan agreed',
    });
    expect(revoked.status).toBe(200);
    expect((await call(PROBATION_IOM, 'get', `/v1/disclosures/${sharedId}`)).body.open).toBe(false);
  });

  it('scopes an entry about a person alone to the members of the panel its discloser acted for', async () => {
    const aboutPerson = await share(MARAC_OFFICER, maracCaseId, {
      caseId: undefined,
      personId: victimId,
      panel: 'MARAC',
      fields: ['name'],
    });
    expect(aboutPerson.status).toBe(201);
    const id = aboutPerson.body.disclosureId as string;
    expect(await idsSeen(COUNCIL_ON_MARAC, `personId=${victimId}`)).toContain(id);
    expect(await idsSeen(IOM_OFFICER, `personId=${victimId}`)).toEqual([]);
    expect((await call(NO_PANEL_OFFICER, 'get', `/v1/disclosures/${id}`)).status).toBe(404);
    expect((await call(IOM_OFFICER, 'post', `/v1/disclosures/${id}/revoke`, { reason: 'x' })).status).toBe(404);
    expect((await call(MARAC_OFFICER, 'post', `/v1/disclosures/${id}/revoke`, { reason: 'done' })).status).toBe(200);
  });

  it('refuses paging bounds with a 400 naming the field and rule, never a 500', async () => {
    for (const [query, field, rule] of [
      ['offset=99999999999999999999', 'offset', 'max'],
      ['offset=-1', 'offset', 'min'],
      ['offset=1.5', 'offset', 'isInt'],
      ['limit=0', 'limit', 'min'],
      ['limit=501', 'limit', 'max'],
    ] as const) {
      const refused = await call(ADMIN, 'get', `/v1/disclosures?${query}`);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    }
  });
});
