/**
 * An auditor types an agency as it comes to mind, or a form sends an empty field. The trail's
 * `agency=` compares agencies as the disclosure register does (case and spacing folded), and an
 * empty `agency=` or `actor=` is refused naming it rather than answering that nothing happened.
 * Synthetic people and staff only.
 */
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { agreementBody } from './support/sharing';

interface Entry {
  readonly position: string;
  readonly actor: { readonly agency: string };
}

describe('the trail’s agency and actor filters', () => {
  let api: TestApi;
  let auditor: string;
  const trail = (query: string) =>
    request(api.app.getHttpServer()).get(`/v1/audit/trail?${query}`).set('Authorization', `Bearer ${auditor}`);

  beforeAll(async () => {
    api = await startTestApi();
    const server = api.app.getHttpServer();
    auditor = await tokenFor({ sub: 'auditor-agency', agency: 'ICO liaison', roles: ['auditor'] });
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const admin = await tokenFor({ sub: 'ig-agency', agency: 'Partnership Information Governance', roles: ['admin'] });
    const referred = await request(server)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(maracReferral({ person: person({ forenames: 'Odile', surname: 'Agencyfold' }) }))
      .expect(201);
    await request(server)
      .get(`/v1/cases/${referred.body.caseId as string}`)
      .set('Authorization', `Bearer ${coordinator}`)
      .set('X-Purpose', 'preparing the MARAC')
      .expect(200);
    await request(server)
      .post('/v1/sharing-agreements')
      .set('Authorization', `Bearer ${admin}`)
      .send(agreementBody(['Metropolitan Police', 'Haringey Council']))
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('matches the agency whatever its case and spacing, and only that agency', async () => {
    const exact = (await trail('agency=Metropolitan%20Police').expect(200)).body.items as Entry[];
    expect(exact.length).toBeGreaterThan(1);
    expect(new Set(exact.map((e) => e.actor.agency))).toEqual(new Set(['Metropolitan Police']));
    for (const typed of ['metropolitan%20police', '%20METROPOLITAN%20%20%20police%20', 'Metropolitan%09Police']) {
      const items = (await trail(`agency=${typed}`).expect(200)).body.items as Entry[];
      expect(items.map((e) => e.position)).toEqual(exact.map((e) => e.position));
    }
    const governance = (await trail('agency=partnership%20information%20governance').expect(200)).body.items as Entry[];
    expect(governance.map((e) => e.actor.agency)).toEqual(['Partnership Information Governance']);
  });

  it.each([
    ['agency=', 'agency'],
    ['agency=%20%20', 'agency'],
    ['actor=', 'actor'],
    ['actor=%20', 'actor'],
  ])('refuses %s with 400 naming %s and the rule not-blank', async (query, field) => {
    const answer = await trail(query).expect(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field, rule: 'not-blank' })]);
  });
});
