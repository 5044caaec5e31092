/**
 * A referral may be dated up to five minutes ahead of the server's clock, so at 23:57 UK one dated
 * 00:01 tomorrow is accepted and the live tracker lists it. `?asOf=` today must list it too, or a
 * coordinator sees a case live that "today" does not have (review s18-history F3); once today is
 * over, that day answers from its own events again and leaves it out. The clock is Jest's fake
 * `Date`; timers stay real. Synthetic people only.
 */
import { peopleClient } from './support/people';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { freezeDateAt } from './support/frozen-date';

interface Tracker {
  total: number;
  items: { caseId: string }[];
}

describe('the cohort tracker just before UK midnight (23:57 GMT on 20 November 2025)', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    freezeDateAt('2025-11-20T23:57:00Z');
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
    jest.useRealTimers();
  });

  it('lists a referral dated a few minutes into tomorrow both live and as of today, and not as of that day once it is past', async () => {
    const client = peopleClient(api);
    const tracker = async (query: string): Promise<Tracker> =>
      (await client.get(`/v1/panels/MARAC/cohort${query}`, token).expect(200)).body as Tracker;
    const earlier = await client.refer(
      token,
      maracReferral({
        referredAt: '2025-11-20T15:00:00Z',
        person: person({ forenames: 'Wren', surname: 'Afternoon', dateOfBirth: '1982-02-02' }),
      }),
    );
    const justAhead = await client.refer(
      token,
      maracReferral({
        referredAt: '2025-11-21T00:01:00Z',
        person: person({ forenames: 'Tess', surname: 'Midnight', dateOfBirth: '1984-04-04' }),
      }),
    );
    const cases = (body: Tracker) => body.items.map((item) => item.caseId).sort();

    const live = await tracker('');
    expect(cases(live)).toEqual([earlier.caseId, justAhead.caseId].sort());
    expect(cases(await tracker('?asOf=2025-11-20'))).toEqual(cases(live));

    // After midnight the 20th is a past day: it holds what happened on it, as any other does.
    jest.setSystemTime(new Date('2025-11-21T00:10:00Z'));
    expect(cases(await tracker('?asOf=2025-11-20'))).toEqual([earlier.caseId]);
    expect(cases(await tracker('?asOf=2025-11-21'))).toEqual(cases(live));
  });
});
