/**
 * A referral to any panel is dated no later than now, give or take five minutes of clock skew:
 * every later step on the case is dated from the referral's UK day, so an IOM referral dated
 * tomorrow could not be listed or given actions until then. The listing, which the server dates,
 * can then only meet a later referral day just after a UK midnight; its refusal names no field,
 * since the route takes none. Synthetic people only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { peopleClient } from './support/people';
import { iomReferral, person, referrer } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';
import { freezeDateAt } from './support/frozen-date';

const IOM_AND_MAPPA: TestUser = { sub: 'coordinator-ahead', roles: ['coordinator'], panels: ['IOM', 'MAPPA'] };
const HOUR = 3_600_000;

const mappaReferral = (referredAt: string, surname: string) => ({
  panel: 'MAPPA',
  referredAt,
  referrer,
  reason: 'Synthetic risk of serious harm',
  person: person({ forenames: 'Peregrine', surname, dateOfBirth: '1988-08-08', sex: 'male' }),
});
const errorsOf = (body: { errors?: { field: string; rule: string }[] }) =>
  (body.errors ?? []).map(({ field, rule }) => ({ field, rule }));

describe('referrals dated ahead of the server clock, through HTTP', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: IOM_AND_MAPPA });
  const head = () => api.app.get<symbol, EventStore>(EVENT_STORE).headPosition();

  it.each([
    ['IOM', (at: string) => iomReferral({}, { referredAt: at, person: person({ surname: 'Aheadofday' }) })],
    ['MAPPA (a generic panel)', (at: string) => mappaReferral(at, 'Aheadofmappa')],
  ] as const)(
    'refuses a referral to %s dated 36 hours ahead, 400 naming referredAt, appending nothing',
    async (_, body) => {
      const before = await head();
      const made = await client.post(
        '/v1/referrals',
        tokens.coordinator,
        body(new Date(Date.now() + 36 * HOUR).toISOString()),
      );
      expect({ status: made.status, errors: errorsOf(made.body) }).toEqual({
        status: 400,
        errors: [{ field: 'referredAt', rule: 'referral-not-in-future' }],
      });
      expect(await head()).toBe(before);
    },
  );

  it('takes a generic panel referral dated within the five minutes of clock skew', async () => {
    const skewed = new Date(Date.now() + 2 * 60_000).toISOString();
    expect((await client.post('/v1/referrals', tokens.coordinator, mappaReferral(skewed, 'Skewson'))).status).toBe(201);
  });
});

describe('listing a case referred a few minutes ahead, across a UK midnight', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    // Two minutes to midnight in London (GMT in November); the referral is dated three minutes on.
    freezeDateAt('2026-11-24T23:58:00Z');
    api = await startTestApi();
    token = await tokenFor(IOM_AND_MAPPA);
  });
  afterAll(async () => {
    await api.close();
    jest.useRealTimers();
  });

  it('refuses it with the rule and no field, since the route takes no date, and lists nothing', async () => {
    const client = peopleClient(api);
    const made = await client.post(
      '/v1/referrals',
      token,
      iomReferral({}, { referredAt: '2026-11-25T00:01:00Z', person: person({ surname: 'Pastmidnight' }) }),
    );
    expect(made.status).toBe(201);
    const meeting = await client.post('/v1/meetings', token, {
      panel: 'IOM',
      scheduledFor: '2026-12-01T10:00:00Z',
      chair: 'DI Synthetic',
    });
    expect(meeting.status).toBe(201);
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const listed = await client.post(`/v1/meetings/${meeting.body.meetingId as string}/cases`, token, {
      caseId: made.body.caseId,
      agencyRequests: [],
    });
    expect({ status: listed.status, errors: errorsOf(listed.body) }).toEqual({
      status: 400,
      errors: [{ field: '', rule: 'case-listing-from-referral' }],
    });
    expect(listed.body.message).toMatch(/^dated 2026-11-24 \(UK\), before case .* was referred on 2026-11-25/);
    expect(await store.headPosition()).toBe(before);
  });
});
