/**
 * A meeting is called off once it has been, like a sitting is recorded once it sat: a call-off
 * dated ahead was taken by the live tracker at once (the meeting dropped from `nextMeeting`) but
 * by `?asOf=today` only on its date, so the two disagreed on the victim's next meeting and on
 * `nextReviewBefore`, and the agenda showed a cancellation on a day still to come (review
 * s18-history F1). Synthetic people only.
 */
import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ukToday = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(ms));

interface Tracker {
  total: number;
  items: { caseId: string; nextMeeting: string | null }[];
}

describe('a meeting called off ahead of time, through HTTP', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  const tracker = async (query: string): Promise<Tracker> =>
    (await client.get(`/v1/panels/MARAC/cohort${query}`, tokens.coordinator).expect(200)).body as Tracker;

  it('refuses a call-off dated on the day the meeting was to sit, so the live tracker and asOf today agree', async () => {
    const now = Date.now();
    const victim = await client.refer(
      tokens.coordinator,
      maracReferral({
        referredAt: iso(now - 20 * DAY),
        person: person({ forenames: 'Nina', surname: 'Farrow', dateOfBirth: '1986-06-06' }),
      }),
    );
    const sitsOn = iso(now + 10 * DAY);
    const december = await post('/v1/meetings', { panel: 'MARAC', scheduledFor: sitsOn, chair: 'DI Shah' });
    const meetingId = december.body.meetingId as string;
    expect((await post(`/v1/meetings/${meetingId}/cases`, { caseId: victim.caseId, agencyRequests: [] })).status).toBe(
      201,
    );

    const cancel = await post(`/v1/meetings/${meetingId}/cancel`, {
      reason: 'Chair on leave: called off for the day',
      occurredAt: sitsOn,
    });
    expect({ status: cancel.status, errors: cancel.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'occurredAt', rule: 'meeting-cancelled-not-in-future' })],
    });

    const agenda = (await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200)).body;
    expect({ phase: agenda.phase, cancellation: agenda.cancellation }).toEqual({
      phase: 'scheduled',
      cancellation: null,
    });
    const nextMeetingOf = (body: Tracker) => body.items.find((i) => i.caseId === victim.caseId)?.nextMeeting;
    const today = `asOf=${ukToday(now)}`;
    const reviewBy = `nextReviewBefore=${iso(now + 20 * DAY).slice(0, 10)}`;
    const live = await tracker('');
    const asOfToday = await tracker(`?${today}`);
    expect(nextMeetingOf(live)).toBe(iso(Date.parse(sitsOn)));
    expect(nextMeetingOf(asOfToday)).toBe(nextMeetingOf(live));
    expect((await tracker(`?${today}&${reviewBy}`)).total).toBe((await tracker(`?${reviewBy}`)).total);
  });

  it('refuses a call-off dated years ahead, and records one dated now, ahead of the day it was to sit', async () => {
    const now = Date.now();
    const scheduled = await post('/v1/meetings', {
      panel: 'MARAC',
      scheduledFor: iso(now + 3 * DAY),
      chair: 'DI Shah',
    });
    const meetingId = scheduled.body.meetingId as string;
    const typo = await post(`/v1/meetings/${meetingId}/cancel`, {
      reason: 'Typo in the year',
      occurredAt: '2099-01-01T10:00:00Z',
    });
    expect({ status: typo.status, rule: typo.body.errors?.[0]?.rule }).toEqual({
      status: 400,
      rule: 'meeting-cancelled-not-in-future',
    });
    expect((await post(`/v1/meetings/${meetingId}/cancel`, { reason: 'Chair on leave' })).status).toBe(200);
    const agenda = (await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200)).body;
    expect(agenda).toMatchObject({ phase: 'cancelled', cancellation: { reason: 'Chair on leave' } });
  });
});
