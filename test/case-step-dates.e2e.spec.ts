/**
 * Actions, interventions, IOM pathways and a person's new details dated before the case was
 * referred, after now, or before the step they follow are refused (400 naming `occurredAt` and the
 * rule) with nothing appended: an intervention completed in 2031 would count as done in today's
 * tracker, an action agreed in 1990 would sit in `?asOf=` decades before the case existed. So is a
 * meeting called off in the future, or before the day it was scheduled on, and one arranged in the future.
 * A meeting typed in late may be dated when it was arranged. Synthetic people only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const REFERRED_AT = '2024-04-01T10:00:00Z';
const ON_REFERRAL_DAY = '2024-04-01T08:00:00Z';
const BEFORE_REFERRAL = '1990-01-01T10:00:00Z';
const FUTURE = '2031-01-01T10:00:00Z';

describe('dates of actions, interventions, IOM pathways, person details and call-offs, through HTTP', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  let caseId: string;
  let personId: string;
  const actionId = '5e0c2a51-6f1d-4c8e-9a37-2b8d4f1e7a01';
  const interventionId = '5e0c2a51-6f1d-4c8e-9a37-2b8d4f1e7a02';

  const caseEvents = async (): Promise<unknown[]> =>
    (await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator, 'review').expect(200)).body.items as unknown[];
  const post = (path: string, body: object) => client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body);
  /** The answer's status and the rules it names, and how many events the case gained. */
  const attempt = async (path: string, body: object) => {
    const logged = (await caseEvents()).length;
    const res = await post(path, body);
    const rules = ((res.body.errors ?? []) as { field?: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);
    return { status: res.status, rules, appended: (await caseEvents()).length - logged };
  };
  const refusedAndNothingAppended = async (path: string, body: object, rule: string) =>
    expect(await attempt(path, body)).toEqual({ status: 400, rules: [`occurredAt:${rule}`], appended: 0 });
  const recorded = async (path: string, body: object) => (await post(path, body)).status;

  const action = { description: 'Synthetic home visit', ownerAgency: 'Probation', dueBy: '2031-12-31' };
  const intervention = { type: 'Mentoring', provider: 'Synthetic Mentoring Trust' };
  const steps = [
    ['actions', action, 'action'],
    ['interventions', intervention, 'intervention'],
    ['iom/pathways', { pathways: ['accommodation'] }, 'iom-pathways'],
    [`actions/${actionId}/complete`, {}, 'action'],
    [`interventions/${interventionId}/start`, {}, 'intervention'],
    [`interventions/${interventionId}/decline`, {}, 'intervention'],
    // Recorded on the person, not the case: the test below shows the person unchanged.
    ['person-details', { address: '7 Synthetic Row' }, 'person-details'],
  ] as const;

  beforeAll(async () => {
    const subject = person({ forenames: 'Ossian', surname: 'Stepdate', sex: 'male' });
    const made = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { referredAt: REFERRED_AT, person: subject }),
    );
    caseId = made.body.caseId as string;
    personId = made.body.personId as string;
    // Agreed and arranged four days after the referral, so the order rules have a day to bound by.
    const fourDaysOn = '2024-04-05T12:00:00Z';
    expect(await recorded('actions', { ...action, actionId, occurredAt: fourDaysOn })).toBe(201);
    expect(await recorded('interventions', { ...intervention, interventionId, occurredAt: fourDaysOn })).toBe(201);
  });

  it.each(steps)('refuses POST /%s dated before the referral, appending nothing', async (path, body, rule) => {
    await refusedAndNothingAppended(path, { ...body, occurredAt: BEFORE_REFERRAL }, `${rule}-from-referral`);
  });

  it.each(steps)('refuses POST /%s dated in the future, appending nothing', async (path, body, rule) => {
    await refusedAndNothingAppended(path, { ...body, occurredAt: FUTURE }, `${rule}-not-in-future`);
  });

  it('refuses completing an action on a day before it was agreed', async () => {
    await refusedAndNothingAppended(
      `actions/${actionId}/complete`,
      { occurredAt: '2024-04-04T12:00:00Z' },
      'action-completed-from-agreed-day',
    );
  });

  it('refuses starting an intervention on a day before it was arranged', async () => {
    await refusedAndNothingAppended(
      `interventions/${interventionId}/start`,
      { occurredAt: '2024-04-04T12:00:00Z' },
      'intervention-steps-in-order',
    );
  });

  it("refuses a person's new details dated before the referral, leaving the person's record as it was", async () => {
    const before = (await client.personView<{ golden: object }>(tokens.coordinator, personId)).golden;
    await refusedAndNothingAppended(
      'person-details',
      { address: '8 Earlier Synthetic Row', occurredAt: BEFORE_REFERRAL },
      'person-details-from-referral',
    );
    expect((await client.personView<{ golden: object }>(tokens.coordinator, personId)).golden).toEqual(before);
  });

  it('refuses a meeting call-off dated in the future or before the day it was scheduled on, writing nothing', async () => {
    const scheduled = await client.post('/v1/meetings', tokens.coordinator, {
      panel: 'IOM',
      scheduledFor: FUTURE,
      chair: 'DI Test',
    });
    const meetingId = scheduled.body.meetingId as string;
    const callOff = async (occurredAt: string) => {
      const res = await client.post(`/v1/meetings/${meetingId}/cancel`, tokens.coordinator, {
        reason: 'Chair unavailable',
        occurredAt,
      });
      const rules = ((res.body.errors ?? []) as { field?: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);
      const { phase } = (await client.get(`/v1/meetings/${meetingId}`, tokens.coordinator).expect(200)).body;
      return { status: res.status, rules, phase };
    };
    // Scheduled today: a call-off is dated from today's UK day on, and by now.
    for (const [at, rule] of [
      [FUTURE, 'meeting-cancelled-not-in-future'],
      [BEFORE_REFERRAL, 'meeting-cancelled-from-scheduling'],
      [REFERRED_AT, 'meeting-cancelled-from-scheduling'],
    ] as const) {
      expect(await callOff(at)).toEqual({ status: 400, rules: [`occurredAt:${rule}`], phase: 'scheduled' });
    }
  });

  it('takes a meeting typed in late dated when it was arranged, so its call-off can be dated from then', async () => {
    const arrangedOn = '2024-04-02T09:00:00Z';
    const scheduled = await client.post('/v1/meetings', tokens.coordinator, {
      panel: 'IOM',
      scheduledFor: '2024-04-09T10:00:00Z',
      chair: 'DI Test',
      occurredAt: arrangedOn,
    });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetingId as string;
    const calledOff = await client.post(`/v1/meetings/${meetingId}/cancel`, tokens.coordinator, {
      reason: 'Chair unavailable',
      occurredAt: '2024-04-03T09:00:00Z',
    });
    expect(calledOff.status).toBe(200);
    const meeting = (await client.get(`/v1/meetings/${meetingId}`, tokens.coordinator).expect(200)).body;
    expect(meeting).toMatchObject({ phase: 'cancelled', cancellation: { at: '2024-04-03T09:00:00Z' } });
  });

  it('refuses a meeting arranged in the future, writing nothing', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const res = await client.post('/v1/meetings', tokens.coordinator, {
      panel: 'IOM',
      scheduledFor: FUTURE,
      chair: 'DI Test',
      occurredAt: FUTURE,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'meeting-scheduled-not-in-future' }),
    ]);
    expect(await store.headPosition()).toBe(before);
  });

  it('records the steps dated on the referral day, on the day they follow, or sent undated', async () => {
    const sameDay = '2024-04-05T09:00:00Z';
    expect(await recorded('actions', { ...action, occurredAt: ON_REFERRAL_DAY })).toBe(201);
    expect(await recorded('interventions', { ...intervention, occurredAt: ON_REFERRAL_DAY })).toBe(201);
    expect(await recorded('iom/pathways', { pathways: ['accommodation'], occurredAt: ON_REFERRAL_DAY })).toBe(200);
    expect(await recorded('person-details', { address: '9 Synthetic Row', occurredAt: ON_REFERRAL_DAY })).toBe(200);
    expect(await recorded(`actions/${actionId}/complete`, { occurredAt: sameDay })).toBe(200);
    expect(await recorded(`interventions/${interventionId}/start`, { occurredAt: sameDay })).toBe(200);
    expect(await recorded(`interventions/${interventionId}/complete`, {})).toBe(200);
    expect(await recorded('actions', action)).toBe(201);
  });
});
