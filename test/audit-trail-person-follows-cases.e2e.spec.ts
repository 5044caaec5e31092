import { apiForSuite } from './support/api-suite';
import { ofCase, trailOf as sharedTrailOf, type TrailEntry } from './support/person-trail';
import { confirmedAsOnePerson } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { SAFEGUARDING_BASIS, agreementBody } from './support/sharing';
import type { TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-trail-held', agency: 'Partnership Information Governance', roles: ['admin'] };
const COORDINATOR: TestUser = {
  sub: 'coordinator-trail-held',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
const AUDITOR: TestUser = { sub: 'auditor-trail-held', agency: 'ICO liaison', roles: ['auditor'], panels: ['MARAC'] };

/**
 * `GET /v1/audit/trail?personId=` follows a case to whoever holds it now, as the subject access
 * report does: a split that moves a wrongly linked case to a new person takes the case's referral,
 * views and disclosures to her trail and out of the trail of the person it was linked to, who keeps
 * what is about him (his own case, views of him, the split). An undone merge takes back what was
 * recorded under the survivor about the other person's case. Synthetic people and addresses.
 */
describe('the audit trail of a person follows their cases through splits and merges', () => {
  const { client, tokens } = apiForSuite({ admin: ADMIN, coordinator: COORDINATOR, auditor: AUDITOR });

  const trailOf = (query: string) => sharedTrailOf(client, tokens.auditor, query);

  async function shareCase(caseId: string): Promise<void> {
    const dsa = await client.post(
      '/v1/sharing-agreements',
      tokens.admin,
      agreementBody(['Metropolitan Police', 'Haringey Council']),
    );
    expect(dsa.status).toBe(201);
    const shared = await client.post('/v1/disclosures', tokens.coordinator, {
      toAgency: 'Haringey Council',
      caseId,
      fields: ['name', 'address', 'postcode'],
      purpose: 'Home visit planning',
      lawfulBasis: SAFEGUARDING_BASIS,
      dsaId: dsa.body.dsaId,
      consent: { given: true },
    });
    expect(shared.status).toBe(201);
  }

  it('gives a case split off to a new person its history there, and leaves the other person only theirs', async () => {
    const carla = person({
      forenames: 'Carla',
      surname: 'Trevaskis',
      dateOfBirth: '1991-05-05',
      postcode: 'N17 6AB',
      address: '1 Synthetic Refuge Lane',
    });
    const first = await client.refer(tokens.coordinator, maracReferral({ person: carla }, { perpetrator: undefined }));
    // Her sister's referral, same details but the address: the matcher links it to Carla.
    const second = await client.refer(
      tokens.coordinator,
      maracReferral(
        { person: { ...carla, address: '9 Synthetic Sister Street' }, referredAt: '2024-06-02T09:00:00Z' },
        { perpetrator: undefined, incidentAt: '2024-06-01T22:00:00Z' },
      ),
    );
    expect(second.personId).toBe(first.personId);
    await shareCase(second.caseId);
    await client.get(`/v1/cases/${second.caseId}`, tokens.coordinator, 'safety planning').expect(200);

    const view = await client.get(`/v1/people/${first.personId}`, tokens.coordinator, 'split review').expect(200);
    const record = (view.body.records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === second.caseId,
    );
    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
      reason: 'The second referral was her sister',
      recordIds: [record?.recordId],
      caseIds: [second.caseId],
    });
    expect(split.status).toBe(200);
    const sister = split.body.intoPersonId as string;

    const sisters = await trailOf(`personId=${sister}`);
    expect(ofCase(sisters, second.caseId)).toEqual(
      expect.arrayContaining(['referral-made', 'information-shared', 'case-viewed', 'person-split']),
    );
    const carlas = await trailOf(`personId=${first.personId}`);
    expect(ofCase(carlas, first.caseId)).toContain('referral-made');
    // Of her sister's case, only what is about Carla herself: the split of her record, views of her.
    expect(new Set(ofCase(carlas, second.caseId))).toEqual(new Set(['person-split', 'person-viewed']));

    // A person and a case together: the case's entries in her trail; none in Carla's.
    const together = await trailOf(`personId=${sister}&caseId=${second.caseId}`);
    expect(together.map((e) => e.position)).toEqual(
      sisters.filter((e) => ofCase([e], second.caseId).length > 0).map((e) => e.position),
    );
    expect((await trailOf(`personId=${first.personId}&caseId=${second.caseId}`)).map((e) => e.action)).not.toContain(
      'referral-made',
    );

    // Paged one entry at a time, the same entries in the same order. Each page's read is recorded in
    // her trail, so the walk stops at the entries the whole list held.
    const paged: string[] = [];
    let cursor: string | undefined;
    while (paged.length < sisters.length) {
      const page = await client.get(
        `/v1/audit/trail?personId=${sister}&limit=1${cursor === undefined ? '' : `&cursor=${cursor}`}`,
        tokens.auditor,
        null,
      );
      expect({ status: page.status, items: page.body.items.length }).toEqual({ status: 200, items: 1 });
      paged.push(...(page.body.items as TrailEntry[]).map((e) => e.position));
      cursor = page.body.next as string;
    }
    expect(paged).toEqual(sisters.map((e) => e.position));
  });

  it('takes the reads and disclosures of her case made while she was merged out of the survivor’s trail once undone', async () => {
    const offender = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        {
          person: hollingsworth({
            surname: 'Penwarden',
            dateOfBirth: '1979-03-22',
            postcode: 'W3 7QS',
            address: '5 Synthetic Offender Road',
          }),
        },
      ),
    );
    const victim = await client.refer(
      tokens.coordinator,
      maracReferral(
        {
          person: hollingsworth({
            surname: 'Penwarden',
            dateOfBirth: '1979-03-23',
            postcode: 'N1 9GU',
            address: '1 Synthetic Refuge Lane',
          }),
        },
        { perpetrator: undefined },
      ),
    );
    await confirmedAsOnePerson(client, tokens.coordinator, offender.personId, victim.personId, 'Same person');
    // While merged her case is shown, and shared, as the survivor's.
    await client.get(`/v1/cases/${victim.caseId}`, tokens.coordinator, 'safety planning').expect(200);
    await shareCase(victim.caseId);
    const restored = await client.post(`/v1/people/${offender.personId}/split`, tokens.coordinator, {
      reason: 'Two people after all',
      restore: victim.personId,
    });
    expect(restored.status).toBe(200);

    const hers = await trailOf(`personId=${victim.personId}`);
    expect(ofCase(hers, victim.caseId)).toEqual(
      expect.arrayContaining(['referral-made', 'case-viewed', 'information-shared']),
    );
    const his = await trailOf(`personId=${offender.personId}`);
    expect(ofCase(his, offender.caseId)).toContain('referral-made');
    expect(ofCase(his, victim.caseId)).not.toContain('case-viewed');
    expect(ofCase(his, victim.caseId)).not.toContain('information-shared');
    // The merge and its undoing are about him too.
    expect(his.map((e) => e.action)).toEqual(expect.arrayContaining(['match-confirmed', 'person-split']));
  });
});
