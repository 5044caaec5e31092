import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-1', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_COORDINATOR: TestUser = {
  sub: 'marac-1',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const IOM_COORDINATOR: TestUser = { sub: 'iom-1', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const COUNCIL_WORKER: TestUser = {
  sub: 'council-1',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
const BOTH_PANELS: TestUser = {
  sub: 'both-1',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
const COUNCIL_COLLEAGUE: TestUser = { ...COUNCIL_WORKER, sub: 'council-2' };
const AUDITOR: TestUser = { sub: 'auditor-1', agency: 'ICO liaison', roles: ['auditor'] };
/** A subject access report keeps MARAC case ids only for a MARAC member who asks. */
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac', panels: ['MARAC'] };
const ANALYST: TestUser = { sub: 'analyst-1', agency: 'Community Safety', roles: ['analyst'] };

const GDPR_SAFEGUARDING = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};

describe('information sharing: agreements, disclosures and what they open', () => {
  let api: TestApi;
  const tokens = new Map<TestUser, string>();
  let lastPosition = 0;
  let maracCaseId: string;
  let iomCaseId: string;
  let dsaId: string;
  let baseUrl: string;

  const send = async (user: TestUser, method: 'post' | 'get', url: string, body?: object) => {
    const call = request(baseUrl)
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'information-sharing test');
    const response = await (method === 'get' ? call.set('X-Min-Position', String(lastPosition)) : call.send(body));
    if (typeof response.body?.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const viewCase = (user: TestUser, caseId: string) => send(user, 'get', `/v1/cases/${caseId}`);
  const share = (user: TestUser, body: Record<string, unknown>) =>
    send(user, 'post', '/v1/disclosures', {
      toAgency: 'Haringey Council',
      caseId: maracCaseId,
      fields: ['status', 'riskRating', 'children'],
      purpose: 'Safety planning with children’s social care',
      lawfulBasis: GDPR_SAFEGUARDING,
      dsaId,
      consent: { given: true },
      ...body,
    });

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1'); // one server for concurrent requests
    baseUrl = await api.app.getUrl();
    for (const user of [
      ADMIN,
      BOTH_PANELS,
      MARAC_COORDINATOR,
      IOM_COORDINATOR,
      COUNCIL_WORKER,
      COUNCIL_COLLEAGUE,
      AUDITOR,
      MARAC_AUDITOR,
      ANALYST,
    ])
      tokens.set(user, await tokenFor(user));
    const victim = person({ forenames: 'Ama', surname: 'Mensah', dateOfBirth: '1988-02-14', address: '1 Example Row' });
    const marac = await send(
      MARAC_COORDINATOR,
      'post',
      '/v1/referrals',
      maracReferral({ person: victim }, { children: [{ forenames: 'Kofi', surname: 'Mensah' }] }),
    );
    expect(marac.status).toBe(201);
    maracCaseId = marac.body.caseId;
    // Probation knows her without the address the MARAC referral gave.
    const known = person({ forenames: 'Ama', surname: 'Mensah', dateOfBirth: '1988-02-14', postcode: undefined });
    const iom = await send(IOM_COORDINATOR, 'post', '/v1/referrals', iomReferral({}, { person: known }));
    expect(iom.status).toBe(201);
    expect(iom.body.personId).toBe(marac.body.personId);
    iomCaseId = iom.body.caseId;
    const signed = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Haringey community safety DSA',
      parties: ['Metropolitan Police', 'Haringey Council'],
      purpose: 'Protecting high-risk victims of domestic abuse',
      lawfulBasis: GDPR_SAFEGUARDING,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-04-01',
    });
    expect(signed.status).toBe(201);
    expect(signed.body.events).toEqual(['dsa-signed']);
    dsaId = signed.body.dsaId;
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets only admins sign agreements, and validates the lawful basis against the vocabulary', async () => {
    const byCoordinator = await send(MARAC_COORDINATOR, 'post', '/v1/sharing-agreements', {});
    expect(byCoordinator.status).toBe(403);
    const incomplete = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Criminal records DSA',
      parties: ['Metropolitan Police', 'Probation'],
      purpose: 'Offender management',
      lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task', article10: true },
      reviewDate: '2030-01-01',
      inForceFrom: '2024-01-01',
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toContainEqual(
      expect.objectContaining({ field: 'lawfulBasis.schedule1', rule: 'schedule-1-condition-required' }),
    );
    const unknownCondition = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'x',
      parties: ['A', 'B'],
      purpose: 'y',
      lawfulBasis: { regime: 'uk-gdpr', article6: 'z-because' },
      reviewDate: '2030-01-01',
      inForceFrom: '2024-01-01',
    });
    expect(unknownCondition.status).toBe(400);
    expect(unknownCondition.body.errors).toContainEqual(expect.objectContaining({ field: 'lawfulBasis.article6' }));

    const listed = await send(COUNCIL_WORKER, 'get', '/v1/sharing-agreements');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        dsaId,
        parties: ['Metropolitan Police', 'Haringey Council'],
        inForceNow: true,
        reviewDue: false,
      }),
    );
    expect((await send(ANALYST, 'get', '/v1/sharing-agreements')).status).toBe(403);
    const overdue = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Overdue DSA',
      parties: ['Metropolitan Police', 'Probation'],
      purpose: 'Offender management',
      lawfulBasis: { regime: 'dpa-2018-part-3', section35: 'law-enforcement-task' },
      reviewDate: '2024-05-01',
      inForceFrom: '2024-01-01',
    });
    expect(overdue.status).toBe(201);
    const one = await send(AUDITOR, 'get', `/v1/sharing-agreements/${overdue.body.dsaId}`);
    expect(one.body).toMatchObject({ reviewDue: true, inForceNow: true, revision: 0 });
    expect(one.body.memberships).toEqual([
      { agency: 'Metropolitan Police', joinedAt: '2024-01-01', leftAt: null },
      { agency: 'Probation', joinedAt: '2024-01-01', leftAt: null },
    ]);
  });

  it('shows the case only to its panel, with "also known to" markers and no other panel’s details', async () => {
    expect((await viewCase(IOM_COORDINATOR, maracCaseId)).status).toBe(404);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(404);
    const iomView = await viewCase(IOM_COORDINATOR, iomCaseId);
    expect(iomView.status).toBe(200);
    expect(iomView.body.alsoKnownTo).toEqual([
      { panel: 'MARAC', contact: { role: 'MARAC coordinator', email: 'marac@partnership.example.org' } },
    ]);
    expect(JSON.stringify(iomView.body)).not.toMatch(/Kofi|Example Row|dashScore/);
    const maracView = await viewCase(MARAC_COORDINATOR, maracCaseId);
    expect(maracView.body.alsoKnownTo).toEqual([expect.objectContaining({ panel: 'IOM' })]);
  });

  it('follows a merge: the survivor’s cases on other panels show as markers; a declined case does not', async () => {
    const older = await send(
      IOM_COORDINATOR,
      'post',
      '/v1/referrals',
      iomReferral({}, { person: hollingsworth({ surname: 'Trevose', dateOfBirth: '1979-03-22', postcode: 'W3 7QS' }) }),
    );
    const newer = await send(
      MARAC_COORDINATOR,
      'post',
      '/v1/referrals',
      maracReferral({ person: hollingsworth({ surname: 'Trevose', dateOfBirth: '1979-03-23', postcode: 'N1 9GU' }) }),
    );
    expect(newer.body.personId).not.toBe(older.body.personId);
    expect((await viewCase(IOM_COORDINATOR, older.body.caseId)).body.alsoKnownTo).toEqual([]);
    const reviews = await send(BOTH_PANELS, 'get', '/v1/people/match-reviews?limit=100');
    const review = (reviews.body.items as { id: string; personIds: string[] }[]).find((r) =>
      r.personIds.includes(older.body.personId),
    );
    const confirmed = await send(BOTH_PANELS, 'post', `/v1/people/match-reviews/${review?.id ?? ''}/confirm`, {
      reason: 'Same person: date of birth mistyped',
    });
    expect(confirmed.status).toBe(200);
    expect((await viewCase(IOM_COORDINATOR, older.body.caseId)).body.alsoKnownTo).toEqual([
      expect.objectContaining({ panel: 'MARAC' }),
    ]);
    const closed = await send(MARAC_COORDINATOR, 'post', `/v1/cases/${newer.body.caseId}/decline`, {
      reason: 'Below threshold on review',
    });
    expect(closed.status).toBe(200);
    expect((await viewCase(IOM_COORDINATOR, older.body.caseId)).body.alsoKnownTo).toEqual([]);
  });

  it('never lets a MARAC victim’s address, postcode or children reach a non-MARAC route', async () => {
    const personId = (await viewCase(MARAC_COORDINATOR, maracCaseId)).body.personId as string;
    const maracSees = await send(MARAC_COORDINATOR, 'get', `/v1/people/${personId}`);
    expect(maracSees.status).toBe(200);
    expect(JSON.stringify(maracSees.body)).toMatch(/1 Example Row/);
    const reads = await Promise.all([
      viewCase(IOM_COORDINATOR, iomCaseId),
      send(IOM_COORDINATOR, 'get', `/v1/people/${personId}`),
      send(IOM_COORDINATOR, 'get', '/v1/panels/IOM/cohort'),
      send(IOM_COORDINATOR, 'get', `/v1/cases/${maracCaseId}/events`),
    ]);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 404]);
    for (const read of reads) expect(JSON.stringify(read.body)).not.toMatch(/Example Row|N17 6AB|Kofi/);
  });

  it('opens disclosed person fields to the receiving agency’s person view, and nothing else', async () => {
    const personId = (await viewCase(MARAC_COORDINATOR, maracCaseId)).body.personId as string;
    expect((await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`)).status).toBe(404);
    const shared = await share(MARAC_COORDINATOR, {
      caseId: undefined,
      personId,
      panel: 'MARAC',
      fields: ['name', 'dateOfBirth'],
    });
    expect(shared.status).toBe(201);
    const seen = await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      personId,
      forenames: 'Ama',
      surname: 'Mensah',
      dateOfBirth: '1988-02-14',
      // When the disclosure that gave each field was made: its values are as they were then.
      asDisclosedOn: { name: expect.any(String), dateOfBirth: expect.any(String) },
      access: { via: 'disclosure', disclosureIds: [shared.body.disclosureId] },
    });
    // An auditor checks the view against the disclosure that opened it: the trail must name it.
    const trail = await send(AUDITOR, 'get', `/v1/audit/trail?action=person-viewed&actor=${COUNCIL_WORKER.sub}`);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toContainEqual(
      expect.objectContaining({
        personId,
        access: { via: 'disclosure', disclosureIds: [shared.body.disclosureId] },
      }),
    );
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(404); // a person disclosure opens no case
    await send(MARAC_COORDINATOR, 'post', `/v1/disclosures/${shared.body.disclosureId}/revoke`, { reason: 'done' });
    expect((await send(COUNCIL_WORKER, 'get', `/v1/people/${personId}`)).status).toBe(404);
  });

  it('opens exactly the disclosed fields to the receiving agency, until revoked', async () => {
    const shared = await share(MARAC_COORDINATOR, {});
    expect(shared.status).toBe(201);
    expect(shared.body.events).toEqual(['information-shared']);
    const [recorded] = await api.app
      .get<symbol, EventStore>(EVENT_STORE)
      .readStream(`disclosure-${shared.body.disclosureId as string}`);
    expect(recorded?.metadata).toMatchObject({
      actor: { id: MARAC_COORDINATOR.sub, agency: 'Metropolitan Police' },
      lawfulBasis: GDPR_SAFEGUARDING,
      dsaId,
    });

    const seen = await viewCase(COUNCIL_WORKER, maracCaseId);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      caseId: maracCaseId,
      status: 'referred',
      riskRating: null,
      children: [expect.objectContaining({ name: expect.stringContaining('Kofi') })],
      // When the disclosure that gave each field was made: the case as it stood then.
      asDisclosedOn: { status: expect.any(String), riskRating: expect.any(String), children: expect.any(String) },
      access: { via: 'disclosure', disclosureIds: [shared.body.disclosureId] },
    });
    expect((await viewCase(COUNCIL_COLLEAGUE, maracCaseId)).status).toBe(200);
    expect((await viewCase(IOM_COORDINATOR, maracCaseId)).status).toBe(404);
    const entry = `/v1/disclosures/${shared.body.disclosureId as string}`;
    expect((await send(COUNCIL_WORKER, 'get', entry)).body).toMatchObject({ kind: 'shared', open: true });
    expect((await send(IOM_COORDINATOR, 'get', entry)).status).toBe(404); // neither agency's entry

    const revokedByOtherAgency = await send(
      IOM_COORDINATOR,
      'post',
      `/v1/disclosures/${shared.body.disclosureId}/revoke`,
      {
        reason: 'not mine',
      },
    );
    // An agency that is neither party cannot see the entry, so it learns no more than for an unknown id.
    expect(revokedByOtherAgency.status).toBe(404);
    const revoked = await send(MARAC_COORDINATOR, 'post', `/v1/disclosures/${shared.body.disclosureId}/revoke`, {
      reason: 'Safety plan agreed; no further need',
    });
    expect(revoked.status).toBe(200);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(404);
  });

  it('narrows a disclosure to one user, and closes it when it expires', async () => {
    const toOneUser = await share(MARAC_COORDINATOR, { toUser: { id: COUNCIL_WORKER.sub }, fields: ['status'] });
    expect(toOneUser.status).toBe(201);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).body).toMatchObject({ status: 'referred' });
    expect((await viewCase(COUNCIL_COLLEAGUE, maracCaseId)).status).toBe(404);
    await send(MARAC_COORDINATOR, 'post', `/v1/disclosures/${toOneUser.body.disclosureId}/revoke`, { reason: 'done' });

    const expired = await share(MARAC_COORDINATOR, {
      occurredAt: '2024-06-01T10:00:00Z',
      expiresAt: '2024-07-01T10:00:00Z',
    });
    expect(expired.status).toBe(201);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(404);
  });

  it('refuses a disclosure outside its agreement with 422 naming the rule, and consent without justification', async () => {
    const toNonParty = await share(MARAC_COORDINATOR, { toAgency: 'Probation' });
    expect(toNonParty.status).toBe(422);
    expect(toNonParty.body.rule).toBe('dsa-includes-both-parties');
    expect(toNonParty.body.errors).toContainEqual(expect.objectContaining({ field: 'toAgency' }));
    // In force only from June, after the case was referred in May (a share dated before the referral is 400).
    const fromJune = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Haringey DSA from June',
      parties: ['Metropolitan Police', 'Haringey Council'],
      purpose: 'Protecting high-risk victims of domestic abuse',
      lawfulBasis: GDPR_SAFEGUARDING,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-06-01',
    });
    expect(fromJune.status).toBe(201);
    const beforeInForce = await share(MARAC_COORDINATOR, {
      dsaId: fromJune.body.dsaId,
      occurredAt: '2024-05-31T12:00:00Z',
    });
    expect(beforeInForce.status).toBe(422);
    expect(beforeInForce.body.rule).toBe('dsa-in-force');
    const unknownDsa = await share(MARAC_COORDINATOR, { dsaId: '00000000-0000-4000-8000-000000000001' });
    expect(unknownDsa.status).toBe(422);
    expect(unknownDsa.body.rule).toBe('dsa-exists');
    const noJustification = await share(MARAC_COORDINATOR, { consent: { given: false } });
    expect(noJustification.status).toBe(400);
    expect(noJustification.body.errors).toContainEqual(
      expect.objectContaining({ field: 'consent.justification', rule: 'justification-required' }),
    );
    const notTheirCase = await share(IOM_COORDINATOR, { toAgency: 'Haringey Council' });
    expect(notTheirCase.status).toBe(404);
  });

  it('answers malformed bodies with 400 naming the field, never a 500 or a write', async () => {
    const bodies: Record<string, unknown>[] = [
      { lawfulBasis: undefined },
      { lawfulBasis: null },
      { lawfulBasis: 'uk-gdpr' },
      { lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task', extra: 1 } },
      { consent: undefined },
      { consent: null },
      { consent: { given: 'yes' } },
      { toUser: { name: 'no id' } },
      { fields: null },
      { fields: ['password'] },
      { caseId: 'not-a-uuid' },
      { dsaId: null },
      { expiresAt: 'tomorrow' },
    ];
    const before = await send(AUDITOR, 'get', `/v1/disclosures?caseId=${maracCaseId}&limit=500`);
    for (const body of bodies) {
      const response = await share(MARAC_COORDINATOR, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.errors?.length).toBeGreaterThan(0);
    }
    const signNull = await send(ADMIN, 'post', '/v1/sharing-agreements', { parties: null, lawfulBasis: null });
    expect(signNull.status).toBe(400);
    const badDisclosureId = await send(AUDITOR, 'get', '/v1/disclosures/not-a-uuid');
    expect({ status: badDisclosureId.status, errors: badDisclosureId.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'disclosureId', rule: 'isUuid' })],
    });
    const badDsaId = await send(ADMIN, 'get', '/v1/sharing-agreements/not-a-uuid');
    expect({ status: badDsaId.status, errors: badDsaId.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'dsaId', rule: 'isUuid' })],
    });
    const after = await send(AUDITOR, 'get', `/v1/disclosures?caseId=${maracCaseId}&limit=500`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('refuses a register filter that cannot be an id with 400 isUuid naming it, as the audit trail does', async () => {
    for (const [field, value] of [
      ['personId', 'abc'],
      ['caseId', 'abc'],
      ['personId', `${maracCaseId}x`],
    ] as const) {
      const response = await send(AUDITOR, 'get', `/v1/disclosures?${field}=${value}`);
      expect({ field, value, status: response.status, errors: response.body.errors }).toEqual({
        field,
        value,
        status: 400,
        errors: [expect.objectContaining({ field, rule: 'isUuid' })],
      });
    }
    const personId = (await viewCase(MARAC_COORDINATOR, maracCaseId)).body.personId as string;
    expect((await send(AUDITOR, 'get', `/v1/disclosures?personId=${personId}`)).status).toBe(200);
  });

  it('records decisions not to share, and shows auditors the register', async () => {
    // A decision not to share cites the agreement that names its would-be recipient.
    const withProbation = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Police and Probation DSA',
      parties: ['Metropolitan Police', 'Probation'],
      purpose: 'Managing offenders who pose a risk to victims',
      lawfulBasis: GDPR_SAFEGUARDING,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-04-01',
    });
    expect(withProbation.status).toBe(201);
    const withheld = await send(MARAC_COORDINATOR, 'post', '/v1/disclosures/withheld', {
      toAgency: 'Probation',
      dsaId: withProbation.body.dsaId,
      caseId: maracCaseId,
      fields: ['safeContactNumber'],
      purpose: 'Probation asked for the victim’s safe contact number',
      reason: 'Victim at risk of the number reaching the perpetrator',
    });
    expect(withheld.status).toBe(201);
    expect(withheld.body.events).toEqual(['information-withheld']);
    const noReason = await send(MARAC_COORDINATOR, 'post', '/v1/disclosures/withheld', {
      toAgency: 'Probation',
      caseId: maracCaseId,
      fields: [],
      purpose: 'x',
    });
    expect(noReason.status).toBe(400);

    const register = await send(AUDITOR, 'get', `/v1/disclosures?caseId=${maracCaseId}`);
    expect(register.status).toBe(200);
    const kinds = (register.body.items as { kind: string }[]).map((i) => i.kind);
    expect(kinds).toContain('withheld');
    expect(kinds).toContain('shared');
    expect(register.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'withheld',
        fromAgency: 'Metropolitan Police',
        toAgency: 'Probation',
        reason: 'Victim at risk of the number reaching the perpetrator',
      }),
    );
    expect((await send(ANALYST, 'get', '/v1/disclosures')).status).toBe(403);
    const personId = (await viewCase(MARAC_COORDINATOR, maracCaseId)).body.personId as string;
    const subjectAccess = await send(MARAC_AUDITOR, 'get', `/v1/audit/subject-access/${personId}?redactMarac=false`);
    expect(subjectAccess.status).toBe(200);
    expect(subjectAccess.body.disclosures).toContainEqual(
      expect.objectContaining({
        data: expect.objectContaining({ toAgency: 'Probation', reason: expect.any(String), caseId: maracCaseId }),
      }),
    );
    const councilView = await send(COUNCIL_WORKER, 'get', '/v1/disclosures');
    expect(
      (councilView.body.items as { toAgency: string; fromAgency: string }[]).every((i) =>
        [i.toAgency, i.fromAgency].includes('Haringey Council'),
      ),
    ).toBe(true);
  });

  it('closes every disclosure under an agreement when the agreement expires', async () => {
    const open = await share(MARAC_COORDINATOR, {});
    expect(open.status).toBe(201);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(200);
    const expired = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, { reason: 'Superseded' });
    expect(expired.status).toBe(200);
    expect((await viewCase(COUNCIL_WORKER, maracCaseId)).status).toBe(404);
    const after = await share(MARAC_COORDINATOR, {});
    expect(after.status).toBe(422);
    expect(after.body.rule).toBe('dsa-in-force');
  });
});
