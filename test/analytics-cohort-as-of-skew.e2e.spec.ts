/**
 * A fact may be dated up to five minutes ahead of the server's clock. At 23:59 UK a referral dated
 * 00:00 tomorrow, a minute ahead, is on the live tracker and on its `?asOf=` today; the analysts'
 * cohort report for today must count it too, or the two answer "today" differently, and a case
 * closed a minute ahead must leave both. Once today is past, that day holds its own events again.
 * The clock is Jest's fake `Date`; timers stay real. Synthetic people only.
 */
import { peopleClient } from './support/people';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { freezeDateAt } from './support/frozen-date';

interface Tracker {
  total: number;
  items: { caseId: string }[];
}

describe("the analysts' cohort report just before UK midnight (23:59 GMT on 20 November 2025)", () => {
  let api: TestApi;
  let coordinator: string;
  let analyst: string;
  beforeAll(async () => {
    freezeDateAt('2025-11-20T23:59:00Z');
    api = await startTestApi();
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor(ANALYST);
  });
  afterAll(async () => {
    await api.close();
    jest.useRealTimers();
  });

  it('leaves out a case closed a minute ahead and counts a referral dated a minute ahead as of today, as the tracker does', async () => {
    const client = peopleClient(api);
    const refer = (forenames: string, referredAt: string) =>
      client.refer(
        coordinator,
        maracReferral({ referredAt, person: person({ forenames, surname: 'Skewfield', dateOfBirth: '1983-03-03' }) }),
      );
    const trackerCases = async (day: string) =>
      ((await client.get(`/v1/panels/MARAC/cohort?asOf=${day}`, coordinator).expect(200)).body as Tracker).items
        .map((item) => item.caseId)
        .sort();
    const reportOpenCases = async (day: string) =>
      (await client.get(`/v1/analytics/cohort?panel=MARAC&asOf=${day}`, analyst, null).expect(200)).body.openCases;

    const closedAhead = await refer('Ines', '2025-11-20T10:00:00Z');
    const accepted = { occurredAt: '2025-11-20T12:00:00Z' };
    expect((await client.post(`/v1/cases/${closedAhead.caseId}/accept`, coordinator, accepted)).status).toBe(200);
    const closure = { exitStatus: 'other', exitDetail: 'Moved out of the area', occurredAt: '2025-11-21T00:00:00Z' };
    expect((await client.post(`/v1/cases/${closedAhead.caseId}/close`, coordinator, closure)).status).toBe(200);
    expect(await trackerCases('2025-11-20')).toEqual([]);
    expect(await reportOpenCases('2025-11-20')).toBe(0);

    const referredAhead = await refer('Tamsin', '2025-11-21T00:00:00Z');
    expect(await trackerCases('2025-11-20')).toEqual([referredAhead.caseId]);
    expect(await reportOpenCases('2025-11-20')).toBe(1);

    // After midnight the 20th is a past day: the two facts dated the 21st belong to the 21st.
    jest.setSystemTime(new Date('2025-11-21T00:10:00Z'));
    expect(await trackerCases('2025-11-20')).toEqual([closedAhead.caseId]);
    expect(await trackerCases('2025-11-21')).toEqual([referredAhead.caseId]);
    expect(await reportOpenCases('2025-11-20')).toBe(1);
    expect(await reportOpenCases('2025-11-21')).toBe(1);
  });
});
