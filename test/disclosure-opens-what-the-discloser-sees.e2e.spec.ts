import request from 'supertest';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-dw', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_COORDINATOR: TestUser = {
  sub: 'marac-dw',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const IOM_COORDINATOR: TestUser = { sub: 'iom-dw', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const COUNCIL_WORKER: TestUser = {
  sub: 'council-dw',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};

const GDPR_SAFEGUARDING = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};
const REFUGE = /Refuge Lane|Safe House Road|N17 6AB/;

/**
 * A disclosure acts for a panel (a case disclosure for its case's, a person disclosure for the one
 * it names) and passes on a field only as that panel sees it: a MARAC victim's refuge address stays
 * with MARAC, whoever else knows her and discloses "address".
 */
describe('a disclosure opens only what the disclosing panel may see', () => {
  let api: TestApi;
  let baseUrl: string;
  let lastPosition = 0;
  const tokens = new Map<TestUser, string>();
  let probationCouncilDsa: string;
  let policeCouncilDsa: string;

  const send = async (user: TestUser, method: 'post' | 'get', url: string, body?: object) => {
    const call = request(baseUrl)
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'disclosure scope test');
    const response = await (method === 'get' ? call.set('X-Min-Position', String(lastPosition)) : call.send(body));
    if (typeof response.body?.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const refer = async (user: TestUser, body: object) => {
    const made = await send(user, 'post', '/v1/referrals', body);
    expect(made.status).toBe(201);
    return made.body as { caseId: string; personId: string };
  };
  const share = async (user: TestUser, body: Record<string, unknown>) => {
    const shared = await send(user, 'post', '/v1/disclosures', {
      toAgency: 'Haringey Council',
      purpose: 'Home visit planning',
      lawfulBasis: GDPR_SAFEGUARDING,
      consent: { given: true },
      ...body,
    });
    expect(shared.status).toBe(201);
    return shared.body.disclosureId as string;
  };
  const signDsa = async (parties: string[]) => {
    const signed = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: `${parties.join('-')} DSA`,
      parties,
      purpose: 'Safeguarding adults at risk',
      lawfulBasis: GDPR_SAFEGUARDING,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-01-01',
    });
    expect(signed.status).toBe(201);
    return signed.body.dsaId as string;
  };
  const text = (body: unknown) => JSON.stringify(body);

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    for (const user of [ADMIN, MARAC_COORDINATOR, IOM_COORDINATOR, COUNCIL_WORKER])
      tokens.set(user, await tokenFor(user));
    probationCouncilDsa = await signDsa(['Probation', 'Haringey Council']);
    policeCouncilDsa = await signDsa(['Metropolitan Police', 'Haringey Council']);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('Probation knew her first; MARAC then referred her from a refuge', () => {
    let personId: string;
    let iomCaseId: string;
    let maracCaseId: string;

    beforeAll(async () => {
      const known = person({ forenames: 'Ama', surname: 'Mensah', dateOfBirth: '1988-02-14', postcode: undefined });
      const iom = await refer(IOM_COORDINATOR, iomReferral({}, { person: known }));
      iomCaseId = iom.caseId;
      const victim = person({
        forenames: 'Ama',
        surname: 'Mensah',
        dateOfBirth: '1988-02-14',
        address: '1 Refuge Lane',
      });
      const marac = await refer(MARAC_COORDINATOR, maracReferral({ person: victim }));
      expect(marac.personId).toBe(iom.personId);
      personId = marac.personId;
      maracCaseId = marac.caseId;
    });

    it('shows the IOM coordinator no refuge address of her own', async () => {
      const own = await send(IOM_COORDINATOR, 'get', `/v1/people/${personId}`);
      expect(own.status).toBe(200);
      expect(text(own.body)).not.toMatch(REFUGE);
    });

    it('gives the council, through an IOM case disclosure of address and postcode, her name but not the refuge', async () => {
      const disclosureId = await share(IOM_COORDINATOR, {
        caseId: iomCaseId,
        fields: ['name', 'address', 'postcode'],
        dsaId: probationCouncilDsa,
      });
      const seen = await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({
        personId,
        forenames: 'Ama',
        surname: 'Mensah',
        asDisclosedOn: { name: expect.any(String) },
        access: { via: 'disclosure', disclosureIds: [disclosureId] },
      });
      const caseSeen = await send(COUNCIL_WORKER, 'get', `/v1/cases/${iomCaseId}`);
      expect(caseSeen.status).toBe(200);
      expect(caseSeen.body.person).toEqual({
        forenames: 'Ama',
        surname: 'Mensah',
        asDisclosedOn: { name: expect.any(String) },
      });
    });

    it('still lets a MARAC member, disclosing for MARAC, pass on the refuge address', async () => {
      const disclosureId = await share(MARAC_COORDINATOR, {
        personId,
        panel: 'MARAC',
        fields: ['address', 'postcode'],
        dsaId: policeCouncilDsa,
      });
      const seen = await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ address: '1 Refuge Lane', postcode: 'N17 6AB' });
      expect(seen.body.access.disclosureIds).toContain(disclosureId);
      await share(MARAC_COORDINATOR, {
        caseId: maracCaseId,
        fields: ['status', 'address'],
        dsaId: policeCouncilDsa,
      });
      const caseSeen = await send(COUNCIL_WORKER, 'get', `/v1/cases/${maracCaseId}`);
      expect(caseSeen.status).toBe(200);
      expect(caseSeen.body.person).toEqual({
        address: '1 Refuge Lane',
        asDisclosedOn: { address: expect.any(String) },
      });
    });
  });

  describe('MARAC registered her first; Probation’s referral then linked to her', () => {
    let personId: string;
    let iomCaseId: string;

    beforeAll(async () => {
      const victim = person({
        forenames: 'Bea',
        surname: 'Owusu',
        dateOfBirth: '1991-07-03',
        address: '7 Safe House Road',
      });
      const marac = await refer(MARAC_COORDINATOR, maracReferral({ person: victim }));
      const known = person({ forenames: 'Bea', surname: 'Owusu', dateOfBirth: '1991-07-03', postcode: undefined });
      const iom = await refer(IOM_COORDINATOR, iomReferral({}, { person: known }));
      expect(iom.personId).toBe(marac.personId);
      personId = iom.personId;
      iomCaseId = iom.caseId;
    });

    it('shows the IOM coordinator no safe-house address in her case or person view', async () => {
      const own = await send(IOM_COORDINATOR, 'get', `/v1/cases/${iomCaseId}`);
      expect(own.status).toBe(200);
      expect(text(own.body)).not.toMatch(REFUGE);
      const ownPerson = await send(IOM_COORDINATOR, 'get', `/v1/people/${personId}`);
      expect(ownPerson.status).toBe(200);
      expect(text(ownPerson.body)).not.toMatch(REFUGE);
    });

    it('gives the council, through the IOM case disclosed with address and postcode, no safe-house address', async () => {
      const disclosureId = await share(IOM_COORDINATOR, {
        caseId: iomCaseId,
        fields: ['status', 'name', 'address', 'postcode'],
        dsaId: probationCouncilDsa,
      });
      const seen = await send(COUNCIL_WORKER, 'get', `/v1/cases/${iomCaseId}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({
        caseId: iomCaseId,
        status: 'referred',
        asDisclosedOn: { status: expect.any(String) },
        person: { forenames: 'Bea', surname: 'Owusu', asDisclosedOn: { name: expect.any(String) } },
        access: { via: 'disclosure', disclosureIds: [disclosureId] },
      });
      const personSeen = await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`);
      expect(personSeen.status).toBe(200);
      expect(text(personSeen.body)).not.toMatch(REFUGE);
    });
  });

  describe('a case worker shown a protected address through a disclosure', () => {
    it('is told so, and the trail names the disclosure beside the panel the view was served through', async () => {
      const known = person({ forenames: 'Cleo', surname: 'Adjei', dateOfBirth: '1990-05-06', postcode: undefined });
      const iom = await refer(IOM_COORDINATOR, iomReferral({}, { person: known }));
      const victim = person({
        forenames: 'Cleo',
        surname: 'Adjei',
        dateOfBirth: '1990-05-06',
        address: '9 Refuge Lane',
      });
      const marac = await refer(MARAC_COORDINATOR, maracReferral({ person: victim }));
      expect(marac.personId).toBe(iom.personId);
      const before = await send(IOM_COORDINATOR, 'get', `/v1/people/${marac.personId}`);
      expect(text(before.body)).not.toMatch(REFUGE);
      expect(before.body.access).toBeUndefined();

      const policeProbationDsa = await signDsa(['Metropolitan Police', 'Probation']);
      const disclosureId = await share(MARAC_COORDINATOR, {
        toAgency: 'Probation',
        personId: marac.personId,
        panel: 'MARAC',
        fields: ['address'],
        dsaId: policeProbationDsa,
      });
      const seen = await send(IOM_COORDINATOR, 'get', `/v1/people/${marac.personId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.golden.address).toBe('9 Refuge Lane');
      expect(seen.body.access).toEqual({ via: 'panel', panels: ['IOM'], disclosureIds: [disclosureId] });

      const trail = await send(ADMIN, 'get', `/v1/audit/trail?action=person-viewed&actor=${IOM_COORDINATOR.sub}`);
      expect(trail.status).toBe(200);
      const bases = (trail.body.items as { access?: { disclosureIds?: string[] } }[]).map((item) => item.access);
      expect(bases).toContainEqual({ via: 'panel', panels: ['IOM'], disclosureIds: [disclosureId] });
    });
  });
});
