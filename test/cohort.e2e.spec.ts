import request from 'supertest';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('panel cohorts (read models)', () => {
  let api: TestApi;
  let token: string;
  let lastPosition = 0;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = async (url: string, body: unknown) => {
    const response = await request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
    if (typeof response.body.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const cohort = (panel: string, query = '', as: string = token) =>
    request(api.app.getHttpServer())
      .get(`/v1/panels/${panel}/cohort${query}`)
      .set('Authorization', `Bearer ${as}`)
      .set('X-Min-Position', String(lastPosition));

  it('lists open IOM cases with eligibility, the adoption decision and its reason', async () => {
    const adopted = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Adam', surname: 'Adopted', dateOfBirth: '1990-01-01' }) }),
    );
    const rejected = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Rhys', surname: 'Rejected', dateOfBirth: '1991-01-01' }) }),
    );
    const pending = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Paul', surname: 'Pending', dateOfBirth: '1992-01-01' }) }),
    );
    await post(`/v1/cases/${adopted.body.caseId}/iom/adopt`, { reason: 'Prolific burglar, agreed at panel' }).then(
      (r) => expect(r.status).toBe(200),
    );
    await post(`/v1/cases/${rejected.body.caseId}/iom/reject`, { reason: 'Already managed under MAPPA level 2' }).then(
      (r) => expect(r.status).toBe(200),
    );
    await post(`/v1/cases/${adopted.body.caseId}/risk-rating`, { rating: 'red' });

    const all = await cohort('IOM').expect(200);
    const byId = new Map((all.body.items as { caseId: string }[]).map((i) => [i.caseId, i]));
    expect(byId.get(adopted.body.caseId)).toMatchObject({
      displayName: 'Adam Adopted',
      rag: 'red',
      iom: { eligible: true, decision: 'adopted', reason: 'Prolific burglar, agreed at panel' },
    });
    expect(byId.has(rejected.body.caseId)).toBe(false); // a rejected referral is not an open case

    const gap = await request(api.app.getHttpServer())
      .get('/v1/panels/IOM/eligible-not-adopted')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const gapIds = (gap.body.items as { caseId: string }[]).map((i) => i.caseId);
    expect(gapIds).toContain(pending.body.caseId);
    expect(gapIds).not.toContain(adopted.body.caseId);

    const red = await cohort('IOM', '?rag=red').expect(200);
    expect((red.body.items as { caseId: string }[]).map((i) => i.caseId)).toEqual([adopted.body.caseId]);
    const named = await cohort('IOM', '?q=pend').expect(200);
    expect((named.body.items as { caseId: string }[]).map((i) => i.caseId)).toEqual([pending.body.caseId]);
  });

  it('shows MARAC repeat and DASH, pages, and answers a past date from history', async () => {
    const victim = person({ forenames: 'Vera', surname: 'Victim', dateOfBirth: '1980-03-03' });
    await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2024-01-10T09:00:00Z' }, { dashScore: 18 }),
    );
    const repeat = await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2024-03-10T09:00:00Z' }, { dashScore: 15 }),
    );
    const now = await cohort('MARAC', '?limit=1').expect(200);
    expect(now.body.total).toBe(2);
    expect(now.body.items).toHaveLength(1);
    expect(now.body.next).toEqual({ offset: 1, limit: 1 });
    const second = await cohort('MARAC', '?limit=1&offset=1').expect(200);
    expect(second.body.items[0]).toMatchObject({ caseId: repeat.body.caseId, marac: { repeat: true, dashScore: 15 } });
    const february = await cohort('MARAC', '?asOf=2024-02-01').expect(200);
    expect(february.body.total).toBe(1);
    expect(february.body.items[0].marac.repeat).toBe(false);
  });

  it('keeps other panels out and refuses bad filters with 400', async () => {
    const iomOnly = await tokenFor({ sub: 'iom-2', roles: ['coordinator'], panels: ['IOM'] });
    await cohort('MARAC', '', iomOnly).expect(403);
    const bad = await cohort('IOM', '?rag=purple&limit=0');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['limit', 'rag']);
  });
});
