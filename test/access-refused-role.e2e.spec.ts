import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface TrailItem {
  action: string;
  actor: { id: string };
  caseIds?: string[];
  personIds?: string[];
  correlationId?: string;
  refused?: { attempted: string; route: string; status: number; rule: string };
}

/** An agency user signed in with none of the roles a case or person view needs. */
const NO_PANEL_ROLE = { sub: 'agency-user-1', roles: [], panels: ['MARAC'] } as const;

/**
 * The guard refuses a case or person view to a caller without the role before the handler (and the
 * interceptor that records refusals) runs; an auditor must still find the attempt, as for a refusal
 * by the handler. A request with no signed-in caller has nobody to record.
 */
describe('case and person views refused for want of a role, in the audit trail', () => {
  let api: TestApi;
  const tokens = { coordinator: '', analyst: '', noPanelRole: '', auditor: '' };
  let maracCase = { caseId: '', personId: '' };

  beforeAll(async () => {
    api = await startTestApi();
    tokens.coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    tokens.analyst = await tokenFor(ANALYST);
    tokens.noPanelRole = await tokenFor(NO_PANEL_ROLE);
    tokens.auditor = await tokenFor(AUDITOR);
    maracCase = (
      await request(api.app.getHttpServer())
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send(maracReferral({ person: person({ forenames: 'Roe', surname: 'Rolerefused' }) }))
        .expect(201)
    ).body as { caseId: string; personId: string };
  });
  afterAll(async () => {
    await api.close();
  });

  const ask = (
    who: keyof typeof tokens | undefined,
    url: string,
    correlationId: string,
    method: 'get' | 'head' = 'get',
  ) => {
    const call = request(api.app.getHttpServer())
      [method](url)
      .set('X-Correlation-Id', correlationId)
      .set('X-Purpose', 'looking for a figure');
    return who === undefined ? call : call.set('Authorization', `Bearer ${tokens[who]}`);
  };
  const refusals = async (filter: string, correlationId: string): Promise<TrailItem[]> => {
    const page = await ask('auditor', `/v1/audit/trail?action=access-refused${filter}&limit=1000`, randomUUID());
    expect(page.status).toBe(200);
    return (page.body.items as TrailItem[]).filter((item) => item.correlationId === correlationId);
  };

  it("records an analyst's 403 on a case view, found by the auditor by action and actor", async () => {
    const correlationId = randomUUID();
    const refused = await ask('analyst', `/v1/cases/${maracCase.caseId}`, correlationId).expect(403);
    expect(refused.body).toMatchObject({ rule: 'role-required' });

    expect(await refusals(`&actor=${ANALYST.sub}`, correlationId)).toEqual([
      expect.objectContaining({
        action: 'access-refused',
        actor: expect.objectContaining({ id: ANALYST.sub }) as unknown,
        caseIds: [maracCase.caseId],
        refused: { attempted: 'case-viewed', route: '/v1/cases/:caseId', status: 403, rule: 'role-required' },
      }),
    ]);
  });

  it("records a user without a panel role asking for a case's history and a person, under the ids asked for", async () => {
    const correlationId = randomUUID();
    await ask('noPanelRole', `/v1/cases/${maracCase.caseId}/events`, correlationId).expect(403);
    await ask('noPanelRole', `/v1/people/${maracCase.personId}`, correlationId).expect(403);

    const found = await refusals(`&actor=${NO_PANEL_ROLE.sub}`, correlationId);
    expect(found.map((item) => item.refused)).toEqual([
      { attempted: 'case-viewed', route: '/v1/cases/:caseId/events', status: 403, rule: 'role-required' },
      { attempted: 'person-viewed', route: '/v1/people/:personId', status: 403, rule: 'role-required' },
    ]);
    // Both are about her: the case is hers, and the person view named her.
    const underHer = await refusals(`&personId=${maracCase.personId}`, correlationId);
    expect(underHer.map((item) => item.refused?.attempted)).toEqual(['case-viewed', 'person-viewed']);
  });

  it('records nothing for a request with no signed-in caller (401)', async () => {
    const correlationId = randomUUID();
    await ask(undefined, `/v1/cases/${maracCase.caseId}`, correlationId).expect(401);
    expect(await refusals('', correlationId)).toEqual([]);
  });

  it('records nothing for a HEAD, nor for an id that is no UUID (a 400 for anyone holding the role)', async () => {
    const correlationId = randomUUID();
    await ask('analyst', `/v1/cases/${maracCase.caseId}`, correlationId, 'head').expect(403);
    await ask('analyst', '/v1/cases/not-a-case-id', correlationId).expect(403);
    await ask('analyst', '/v1/people/not-a-person-id', correlationId).expect(403);
    expect(await refusals(`&actor=${ANALYST.sub}`, correlationId)).toEqual([]);
  });

  it('records nothing for routes that show no case or person (a report the role may not run)', async () => {
    const correlationId = randomUUID();
    await ask('analyst', `/v1/audit/trail?caseId=${maracCase.caseId}`, correlationId).expect(403);
    expect(await refusals(`&actor=${ANALYST.sub}`, correlationId)).toEqual([]);
  });
});
