import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-d2p', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_C: TestUser = {
  sub: 'marac-d2p',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const AUDITOR: TestUser = { sub: 'aud-d2p', agency: 'ICO liaison', roles: ['auditor'] };
const BASIS = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};

/**
 * Two embedded API processes on one data dir, as a deploy of two releases sharing the read-model
 * file runs them (README "Deploying a release that bumps a read model's version"). A share sent to
 * one and a back-dated removal of its recipient sent to the other must not both be written: the
 * share is noted on the agreement's stream at the revision it was judged on (review
 * s14-review-diff2-sharing D2).
 */
describe('embedded mode, two API processes on one DATA_DIR', () => {
  let one: TestApi;
  let two: TestApi;
  let url1: string;
  let url2: string;
  const tokens = new Map<TestUser, string>();
  let maracCaseId: string;
  const send = (base: string, user: TestUser, method: 'post' | 'get', url: string, body?: object) => {
    const call = request(base)
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'd2p');
    return method === 'get' ? call : call.send(body);
  };

  beforeAll(async () => {
    one = await startTestApi();
    await one.app.listen(0, '127.0.0.1');
    url1 = await one.app.getUrl();
    two = await startTestApi({ DATA_DIR: one.dataDir });
    await two.app.listen(0, '127.0.0.1');
    url2 = await two.app.getUrl();
    for (const u of [ADMIN, MARAC_C, AUDITOR]) tokens.set(u, await tokenFor(u));
    const marac = await send(
      url1,
      MARAC_C,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Abena', surname: 'Boateng', dateOfBirth: '1989-09-09' }) }),
    );
    expect(marac.status).toBe(201);
    maracCaseId = marac.body.caseId;
  });
  afterAll(async () => {
    await two.app.close();
    await one.close();
  });

  it('a share on one process and a back-dated removal on the other, the removal ~1 s ahead: never both written', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 36; i++) {
      const lead = 980 + (i % 12); // ms the removal is sent ahead of the share
      const s = await send(url1, ADMIN, 'post', '/v1/sharing-agreements', {
        title: 'DSA',
        parties: ['Metropolitan Police', 'Haringey Council', 'Probation'],
        purpose: 'p',
        lawfulBasis: BASIS,
        reviewDate: '2030-04-01',
        inForceFrom: '2024-04-01',
        occurredAt: '2024-03-15T09:00:00Z',
      });
      expect(s.status).toBe(201);
      const dsaId = s.body.dsaId as string;
      const removing = send(url2, ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
        agency: 'Haringey Council',
        reason: 'Left',
        occurredAt: '2024-05-01T00:00:00Z',
      });
      await new Promise((r) => setTimeout(r, lead));
      const [shared, removed] = await Promise.all([
        send(url1, MARAC_C, 'post', '/v1/disclosures', {
          toAgency: 'Haringey Council',
          caseId: maracCaseId,
          fields: ['status'],
          purpose: 'Safety planning',
          lawfulBasis: BASIS,
          dsaId,
          consent: { given: true },
          occurredAt: '2024-06-01T10:00:00Z',
        }),
        removing,
      ]);
      outcomes.push(`${lead}:${shared.status}/${removed.status}`);
    }
    expect(outcomes.filter((o) => o.endsWith(':201/200'))).toEqual([]);
  }, 120_000);

  it('sent together, in either order within a few milliseconds: never both written, and the agreement agrees with the register', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const lead = (i % 10) - 4; // ms the removal is sent ahead of the share (negative: after it)
      const s = await send(url1, ADMIN, 'post', '/v1/sharing-agreements', {
        title: 'DSA',
        parties: ['Metropolitan Police', 'Haringey Council', 'Probation'],
        purpose: 'p',
        lawfulBasis: BASIS,
        reviewDate: '2030-04-01',
        inForceFrom: '2024-04-01',
        occurredAt: '2024-03-15T09:00:00Z',
      });
      expect(s.status).toBe(201);
      const dsaId = s.body.dsaId as string;
      const remove = () =>
        send(url2, ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
          agency: 'Haringey Council',
          reason: 'Left',
          occurredAt: '2024-05-01T00:00:00Z',
        });
      const shareIt = () =>
        send(url1, MARAC_C, 'post', '/v1/disclosures', {
          toAgency: 'Haringey Council',
          caseId: maracCaseId,
          fields: ['status'],
          purpose: 'Safety planning',
          lawfulBasis: BASIS,
          dsaId,
          consent: { given: true },
          occurredAt: '2024-06-01T10:00:00Z',
        });
      const later = (ms: number, call: () => ReturnType<typeof remove>) =>
        new Promise<void>((r) => setTimeout(r, ms)).then(call);
      const [removed, shared] = await Promise.all([
        later(Math.max(0, -lead), remove),
        later(Math.max(0, lead), shareIt),
      ]);
      outcomes.push(`${lead}:${shared.status}/${removed.status}`);
      expect([`${shared.status}/${removed.status}`]).toEqual([expect.stringMatching(/^(201\/409|422\/200)$/)]);
    }
    expect(outcomes.filter((o) => o.endsWith(':201/200'))).toEqual([]);
  }, 120_000);
});
