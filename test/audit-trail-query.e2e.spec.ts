import request from 'supertest';
import { iomReferral } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('audit trail query: filters that could only ever answer nothing are refused', () => {
  let api: TestApi;
  let auditor: string;

  beforeAll(async () => {
    api = await startTestApi();
    auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'], agency: 'Council Audit' });
    await request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${await tokenFor(COORDINATOR_ALL_PANELS)}`)
      .send(iomReferral())
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  const trail = (query: Record<string, string>) =>
    request(api.app.getHttpServer()).get('/v1/audit/trail').query(query).set('Authorization', `Bearer ${auditor}`);

  it('refuses an action the trail never holds, naming action, isIn and the known actions', async () => {
    const refused = await trail({ action: 'referral-made,person-looked' }).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'action', rule: 'isIn', message: expect.stringContaining('person-viewed') },
    ]);
    expect(refused.body.errors[0].message).toContain('referral-made');
    expect(refused.body.errors[0].message).toContain('meeting-held');
    const known = await trail({ action: 'referral-made,person-viewed' }).expect(200);
    expect(known.body.items.map((item: { action: string }) => item.action)).toEqual(['referral-made']);
  });

  it('refuses a list of more actions than the trail knows, naming action and arrayMaxSize; repeats count once', async () => {
    const refused = await trail({ action: Array<string>(1500).fill('search').join(',') }).expect(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'action',
        rule: 'arrayMaxSize',
        message: expect.stringMatching(/^action must list at most \d+ actions$/),
      },
    ]);
    const twice = await trail({ action: 'referral-made,referral-made' }).expect(200);
    expect(twice.body.items.map((item: { action: string }) => item.action)).toEqual(['referral-made']);
  });

  it('refuses a `to` at or before `from`, naming to and after-from', async () => {
    for (const to of ['2024-01-01', '2024-03-01T00:00:00Z']) {
      const refused = await trail({ from: '2024-03-01', to }).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'to', rule: 'after-from', message: 'to must be later than from' }]);
    }
    await trail({ from: '2024-03-01', to: '2024-03-01T00:00:01Z' }).expect(200);
  });
});
