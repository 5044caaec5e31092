import { apiForSuite } from './support/api-suite';
import { ofCase, trailOf as sharedTrailOf, type TrailEntry } from './support/person-trail';
import { allianceReferral, maracReferral, person } from './support/referrals';
import { SAFEGUARDING_BASIS, agreementBody } from './support/sharing';
import type { TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-trail-listed', agency: 'Partnership Information Governance', roles: ['admin'] };
const COORDINATOR: TestUser = {
  sub: 'coordinator-trail-listed',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'ALLIANCE'],
};
const HARINGEY: TestUser = {
  sub: 'practitioner-trail-listed',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
const AUDITOR: TestUser = { sub: 'auditor-trail-listed', agency: 'ICO liaison', roles: ['auditor'] };

/**
 * `GET /v1/audit/trail?personId=` answers who read about a person, and which cases are theirs now:
 * a read that listed them stays in their trail whatever case it listed first, and a MARAC case
 * stops being theirs once a split takes their naming as its perpetrator to someone else, as the
 * subject access report has it. Synthetic people and addresses.
 */
describe('the audit trail of a person: reads that listed them, cases that name them now', () => {
  const { client, tokens } = apiForSuite({
    admin: ADMIN,
    coordinator: COORDINATOR,
    haringey: HARINGEY,
    auditor: AUDITOR,
  });

  const trailOf = (query: string) => sharedTrailOf(client, tokens.auditor, query);

  it("keeps a register search that showed her disclosure beside another person's case in her trail", async () => {
    const dsa = await client.post(
      '/v1/sharing-agreements',
      tokens.admin,
      agreementBody(['Metropolitan Police', 'Haringey Council']),
    );
    expect(dsa.status).toBe(201);
    const petra = await client.refer(
      tokens.coordinator,
      maracReferral(
        {
          person: person({
            forenames: 'Petra',
            surname: 'Quillon',
            dateOfBirth: '1985-02-02',
            postcode: 'N17 6AB',
            address: '3 Synthetic Road',
          }),
        },
        { perpetrator: undefined },
      ),
    );
    const xandra = await client.refer(
      tokens.coordinator,
      maracReferral(
        {
          person: person({
            forenames: 'Xandra',
            surname: 'Merrow',
            dateOfBirth: '1990-07-07',
            postcode: 'E8 1AA',
            address: '7 Synthetic Way',
          }),
          referredAt: '2024-06-02T09:00:00Z',
        },
        { perpetrator: undefined },
      ),
    );
    const shared = {
      toAgency: 'Haringey Council',
      purpose: 'Home visit planning',
      lawfulBasis: SAFEGUARDING_BASIS,
      dsaId: dsa.body.dsaId,
      consent: { given: true },
      fields: ['name'],
    };
    const ofCasePetra = await client.post('/v1/disclosures', tokens.coordinator, { ...shared, caseId: petra.caseId });
    const aboutXandra = await client.post('/v1/disclosures', tokens.coordinator, {
      ...shared,
      personId: xandra.personId,
      panel: 'MARAC',
    });
    expect([ofCasePetra.status, aboutXandra.status]).toEqual([201, 201]);

    // The recipient reads its register: Petra's case first, then Xandra's disclosure, which names no case.
    const register = await client.get('/v1/disclosures', tokens.haringey);
    expect(register.status).toBe(200);
    expect(register.body.items.map((i: { personId?: string }) => i.personId)).toEqual(
      expect.arrayContaining([petra.personId, xandra.personId]),
    );
    const searches = (await trailOf('action=search')).filter((e) => e.actor.id === HARINGEY.sub);
    expect(searches).toHaveLength(1);
    const search = searches[0] as TrailEntry;
    expect(search.caseId).toBe(petra.caseId);

    const xandras = await trailOf(`personId=${xandra.personId}`);
    expect(xandras.map((e) => e.position)).toContain(search.position);
    expect((await trailOf(`personId=${petra.personId}`)).map((e) => e.position)).toContain(search.position);
  });

  it("takes a MARAC victim's case out of the trail of the child a perpetrator split took the naming off", async () => {
    const kenver = { forenames: 'Kenver', surname: 'Trebilcock', dateOfBirth: '2007-03-21', sex: 'male' };
    const child = await client.refer(
      tokens.coordinator,
      allianceReferral({ person: person({ ...kenver, postcode: 'N15 4QZ' }) }),
    );
    const marac = await client.refer(
      tokens.coordinator,
      maracReferral(
        { person: person({ forenames: 'Morwenna', surname: 'Trebilcock', dateOfBirth: '1975-11-02' }) },
        { perpetrator: { ...kenver, postcode: 'N15 4QZ' }, relationshipToVictim: 'ex-partner' },
      ),
    );
    expect(marac.perpetratorPersonId).toBe(child.personId);
    await client.get(`/v1/cases/${marac.caseId}`, tokens.coordinator, 'safety planning').expect(200);
    const view = await client.personView<{ records: { recordId: string; panel: string | null }[] }>(
      tokens.coordinator,
      child.personId,
    );
    const split = await client.post(`/v1/people/${child.personId}/split`, tokens.coordinator, {
      reason: 'The man MARAC names is not this child',
      recordIds: [view.records.find((r) => r.panel === 'MARAC')?.recordId],
    });
    expect(split.status).toBe(200);
    const perpetrator = split.body.intoPersonId as string;
    await client.get(`/v1/cases/${marac.caseId}`, tokens.coordinator, 'safety planning after split').expect(200);

    // Of the victim's case, only views of the child himself that listed it (before the split) stay his.
    const childs = await trailOf(`personId=${child.personId}`);
    expect(ofCase(childs, marac.caseId).filter((action) => action !== 'person-viewed')).toEqual([]);
    expect(ofCase(childs, child.caseId)).toContain('referral-made');
    expect(childs.map((e) => e.action)).toContain('person-split');
    const his = await trailOf(`personId=${perpetrator}`);
    expect(ofCase(his, marac.caseId)).toEqual(expect.arrayContaining(['referral-made', 'case-viewed', 'case-viewed']));
    expect(ofCase(his, marac.caseId).filter((action) => action === 'case-viewed')).toHaveLength(2);

    // The subject access report leaves the case out for the child too.
    const report = await client.get(
      `/v1/audit/subject-access/${child.personId}?redactMarac=false`,
      tokens.auditor,
      null,
    );
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).not.toContain(marac.caseId);
  });
});
