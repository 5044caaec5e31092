import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-links', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_COORDINATOR: TestUser = {
  sub: 'coord-links',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const AUDITOR: TestUser = { sub: 'aud-links', agency: 'ICO liaison', roles: ['auditor'] };
const MARAC_AUDITOR: TestUser = {
  sub: 'aud-links-marac',
  agency: 'IDVA Service',
  roles: ['auditor'],
  panels: ['MARAC'],
};
const GDPR_SAFEGUARDING = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};
const WITHDRAWN = 'Consent withdrawn by the victim';
const TO_BRING = 'Latest safety plan for the household';

interface Item {
  action: string;
  position: string;
  caseIds: string[];
  data?: Record<string, unknown>;
}

/**
 * Writes about a person made on streams of their own (a disclosure's, a meeting's) belong in the
 * trail of the case and person they concern, and in her subject access report: that a disclosure
 * about her was revoked, and that a panel listed, discussed or called off a meeting with her case.
 * Synthetic people only.
 */
describe('revocations and meetings in the trail of the case and person, and in her report', () => {
  let api: TestApi;
  const tokens = new Map<TestUser, string>();
  let last = 0;
  const send = async (user: TestUser, method: 'post' | 'get', url: string, body?: object) => {
    const call = request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'audit review');
    const response = await (method === 'get' ? call.set('X-Min-Position', String(last)) : call.send(body));
    if (typeof response.body?.position === 'number') last = Math.max(last, response.body.position);
    return response;
  };
  const refer = async (forenames: string, surname: string) => {
    const made = await send(
      MARAC_COORDINATOR,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames, surname }) }),
    );
    expect(made.status).toBe(201);
    return made.body as { caseId: string; personId: string };
  };
  const actionsFor = async (query: string): Promise<string[]> => {
    const trail = await send(AUDITOR, 'get', `/v1/audit/trail?${query}&limit=500`);
    expect(trail.status).toBe(200);
    return (trail.body.items as Item[]).map((item) => item.action);
  };
  const report = async (user: TestUser, personId: string, query = '') => {
    const sar = await send(user, 'get', `/v1/audit/subject-access/${personId}${query}`);
    expect(sar.status).toBe(200);
    return sar.body as {
      disclosures: Item[];
      meetings: Item[];
      manualReview: { path: string; reason: string }[];
    };
  };
  let victim: { caseId: string; personId: string };
  let other: { caseId: string; personId: string };

  beforeAll(async () => {
    api = await startTestApi();
    for (const user of [ADMIN, MARAC_COORDINATOR, AUDITOR, MARAC_AUDITOR]) tokens.set(user, await tokenFor(user));
    victim = await refer('Rhiannon', 'Linkwell');
    other = await refer('Seren', 'Otherhall');
  });
  afterAll(async () => api.close());

  describe('a disclosure revoked', () => {
    beforeAll(async () => {
      const dsa = await send(ADMIN, 'post', '/v1/sharing-agreements', {
        title: 'Police and council DSA',
        parties: ['Metropolitan Police', 'Haringey Council'],
        purpose: 'Protecting victims',
        lawfulBasis: GDPR_SAFEGUARDING,
        reviewDate: '2030-04-01',
        inForceFrom: '2024-04-01',
      });
      expect(dsa.status).toBe(201);
      const shared = await send(MARAC_COORDINATOR, 'post', '/v1/disclosures', {
        toAgency: 'Haringey Council',
        caseId: victim.caseId,
        fields: ['status'],
        purpose: 'Safety planning',
        lawfulBasis: GDPR_SAFEGUARDING,
        dsaId: dsa.body.dsaId,
        consent: { given: true },
      });
      expect(shared.status).toBe(201);
      const revoked = await send(MARAC_COORDINATOR, 'post', `/v1/disclosures/${shared.body.disclosureId}/revoke`, {
        reason: WITHDRAWN,
      });
      expect(revoked.status).toBe(200);
    });

    it('is in the trail of the case and of the person the disclosure was about', async () => {
      expect(await actionsFor('action=disclosure-revoked')).toEqual(['disclosure-revoked']);
      expect(await actionsFor(`caseId=${victim.caseId}&action=disclosure-revoked`)).toEqual(['disclosure-revoked']);
      expect(await actionsFor(`personId=${victim.personId}&action=disclosure-revoked`)).toEqual(['disclosure-revoked']);
      expect(await actionsFor(`personId=${other.personId}&action=disclosure-revoked`)).toEqual([]);
    });

    it('is among her disclosures, its reason withheld and listed for review off MARAC, given to a MARAC auditor', async () => {
      const redacted = await report(AUDITOR, victim.personId);
      const actions = redacted.disclosures.map((item) => item.action);
      expect(actions).toEqual(['information-shared', 'disclosure-revoked']);
      expect(JSON.stringify(redacted)).not.toContain(WITHDRAWN);
      expect(redacted.manualReview.map((note) => note.path)).toContain('$.disclosures[1].data.reason');

      const full = await report(MARAC_AUDITOR, victim.personId, '?redactMarac=false');
      expect(full.disclosures[1]).toMatchObject({
        action: 'disclosure-revoked',
        data: { reason: WITHDRAWN, caseId: victim.caseId, personId: victim.personId },
      });
      // The other victim's report holds nothing of it.
      expect((await report(MARAC_AUDITOR, other.personId, '?redactMarac=false')).disclosures).toEqual([]);
    });
  });

  describe('a meeting that listed and discussed her case, and one called off with it on the agenda', () => {
    const schedule = async (scheduledFor: string) => {
      const meeting = await send(MARAC_COORDINATOR, 'post', '/v1/meetings', {
        panel: 'MARAC',
        scheduledFor,
        chair: 'DS Synthetic Chair',
      });
      expect(meeting.status).toBe(201);
      return meeting.body.meetingId as string;
    };
    const list = async (meetingId: string, caseId: string, agencyRequests: object[] = []) =>
      expect(
        (await send(MARAC_COORDINATOR, 'post', `/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests })).status,
      ).toBe(201);

    beforeAll(async () => {
      const held = await schedule('2024-08-06T10:00:00Z');
      await list(held, victim.caseId, [{ agency: 'IDVA Service', toBring: TO_BRING }]);
      await list(held, other.caseId);
      const sat = await send(MARAC_COORDINATOR, 'post', `/v1/meetings/${held}/held`, {
        occurredAt: '2024-08-06T11:00:00Z',
        attendance: [{ agency: 'Metropolitan Police', status: 'present' }],
        casesDiscussed: [victim.caseId, other.caseId],
      });
      expect(sat.status).toBe(200);
      const called = await schedule('2030-09-03T10:00:00Z');
      await list(called, victim.caseId);
      const cancelled = await send(MARAC_COORDINATOR, 'post', `/v1/meetings/${called}/cancel`, {
        reason: 'Chair unavailable',
      });
      expect(cancelled.status).toBe(200);
    });

    it('is in the trail of each case it listed, discussed or was called off with, and of their people', async () => {
      const meetingActions = ['meeting-case-listed', 'meeting-held', 'meeting-case-listed', 'meeting-cancelled'];
      const meetingsOf = (actions: string[]) => actions.filter((action) => action.startsWith('meeting-'));
      expect(meetingsOf(await actionsFor(`caseId=${victim.caseId}`))).toEqual(meetingActions);
      expect(meetingsOf(await actionsFor(`personId=${victim.personId}`))).toEqual(meetingActions);
      expect(meetingsOf(await actionsFor(`personId=${other.personId}`))).toEqual([
        'meeting-case-listed',
        'meeting-held',
      ]);
    });

    it('is in her report as her own cases only, its attendance and what agencies bring listed for review', async () => {
      const full = await report(MARAC_AUDITOR, victim.personId, '?redactMarac=false');
      expect(full.meetings.map((item) => item.action)).toEqual([
        'meeting-case-listed',
        'meeting-held',
        'meeting-case-listed',
        'meeting-cancelled',
      ]);
      const held = full.meetings[1];
      expect(held?.data).toMatchObject({
        casesDiscussed: [victim.caseId],
        attendance: [{ agency: 'Metropolitan Police', status: 'present' }],
      });
      expect(held?.caseIds).toEqual([victim.caseId]);
      expect(JSON.stringify(full)).not.toContain(other.caseId);
      expect(full.manualReview.map((note) => note.path)).toContain('$.meetings[1].data.attendance');

      const redacted = await report(AUDITOR, victim.personId);
      expect(redacted.meetings.map((item) => item.action)).toEqual([
        'meeting-case-listed',
        'meeting-held',
        'meeting-case-listed',
        'meeting-cancelled',
      ]);
      expect(JSON.stringify(redacted)).not.toContain(TO_BRING);
      expect(JSON.stringify(redacted)).not.toContain(other.caseId);
      const reviewed = redacted.manualReview.map((note) => note.path);
      expect(reviewed).toEqual(
        expect.arrayContaining([
          '$.meetings[0].data.agencyRequests[0].toBring',
          '$.meetings[1].data.attendance',
          '$.meetings[3].data.reason',
        ]),
      );
    });
  });
});
