/**
 * What the log says about a meeting and a case must have happened in that order: a discussion, or
 * an action agreed at a meeting, is refused at a meeting that was cancelled (the agenda would say
 * `cancelled` with the case `discussed`) or on a UK day other than the day it was recorded to have
 * sat; a closure, a decline or an IOM rejection is refused on a UK day before the work already
 * recorded on the case (`?asOf=` would drop a case its panel was still working on). Each refusal
 * names its rule and appends nothing. Synthetic people only.
 */
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface Answer {
  status: number;
  body: { rule?: string; errors?: { field?: string; rule: string }[] };
}
const refusal = (answer: Answer) => ({
  status: answer.status,
  rule: answer.body.rule,
  errors: answer.body.errors?.map(({ field, rule }) => ({ field, rule })),
});

describe('discussions at a meeting that sat, and closures and declines after the last step, through HTTP', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  const eventsOf = async (caseId: string): Promise<string[]> =>
    (
      (await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator, 'review').expect(200)).body.items as {
        type: string;
      }[]
    ).map((event) => event.type);

  let serial = 0;
  /** An IOM case referred on 1 March 2024, adopted on 2 March, listed on a meeting scheduled for 10 April. */
  const listedIomCase = async () => {
    serial++;
    // Her own PNC: the matcher would take two of these namesakes for one woman, who has one open IOM case.
    const subject = person({
      forenames: 'Tamsin',
      surname: `Meetingday${'abcdefghij'[serial]}`,
      sex: 'female',
      identifiers: { pnc: syntheticPnc(9600 + serial) },
    });
    const made = await post('/v1/referrals', iomReferral({}, { person: subject }));
    expect(made.status).toBe(201);
    const caseId = made.body.caseId as string;
    expect(
      (await post(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Core cohort', occurredAt: '2024-03-02T10:00:00Z' }))
        .status,
    ).toBe(200);
    const scheduled = await post('/v1/meetings', {
      panel: 'IOM',
      scheduledFor: '2024-04-10T10:00:00Z',
      chair: 'DI Test',
    });
    const meetingId = scheduled.body.meetingId as string;
    expect((await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] })).status).toBe(201);
    return { caseId, meetingId };
  };
  const discussion = (meetingId: string, occurredAt: string) => ({
    meetingId,
    occurredAt,
    attendance: [{ agency: 'Police', status: 'present' }],
    summary: 'Synthetic discussion',
    decisions: ['Synthetic decision'],
  });
  const action = (meetingId: string, occurredAt: string) => ({
    description: 'Synthetic housing referral',
    ownerAgency: 'Council',
    dueBy: '2024-06-30',
    meetingId,
    occurredAt,
  });

  it('refuses a discussion and an action agreed at a cancelled meeting (409), appending nothing', async () => {
    const { caseId, meetingId } = await listedIomCase();
    // Called off when recorded: a call-off is not dated before the meeting was scheduled (today).
    const cancel = { reason: 'Chair unavailable' };
    expect((await post(`/v1/meetings/${meetingId}/cancel`, cancel)).status).toBe(200);
    const before = await eventsOf(caseId);

    const discussed = await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-04-10T11:00:00Z'));
    const agreed = await post(`/v1/cases/${caseId}/actions`, action(meetingId, '2024-04-10T11:00:00Z'));

    const refused = {
      status: 409,
      rule: 'discussed-at-a-meeting-that-sat',
      errors: [{ field: 'meetingId', rule: 'discussed-at-a-meeting-that-sat' }],
    };
    expect(refusal(discussed)).toEqual(refused);
    expect(refusal(agreed)).toEqual(refused);
    expect(await eventsOf(caseId)).toEqual(before);
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200);
    expect(agenda.body).toMatchObject({ phase: 'cancelled', items: [{ caseId, discussed: false }] });
  });

  it('refuses a discussion or an action "at" a held meeting weeks after it sat (409), and takes them on its day', async () => {
    const { caseId, meetingId } = await listedIomCase();
    const held = { attendance: [{ agency: 'Police', status: 'present' }], occurredAt: '2024-04-10T11:00:00Z' };
    expect((await post(`/v1/meetings/${meetingId}/held`, held)).status).toBe(200);
    const before = await eventsOf(caseId);

    const late = await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-05-20T11:00:00Z'));
    const lateAction = await post(`/v1/cases/${caseId}/actions`, action(meetingId, '2024-05-20T11:00:00Z'));

    const refused = {
      status: 409,
      rule: 'discussed-by-the-day-the-meeting-sat',
      errors: [{ field: 'occurredAt', rule: 'discussed-by-the-day-the-meeting-sat' }],
    };
    expect(refusal(late)).toEqual(refused);
    expect(refusal(lateAction)).toEqual(refused);
    expect(await eventsOf(caseId)).toEqual(before);
    // On the day it sat (BST: 23:00Z on 9 April is midnight on the 10th in London), both are recorded.
    expect((await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-04-10T15:00:00Z'))).status).toBe(
      200,
    );
    expect((await post(`/v1/cases/${caseId}/actions`, action(meetingId, '2024-04-09T23:00:00Z'))).status).toBe(201);
  });

  it('refuses to cancel a meeting at which a case was discussed or an action agreed: it sat (409)', async () => {
    for (const record of ['discussion', 'action'] as const) {
      const { caseId, meetingId } = await listedIomCase();
      const recorded =
        record === 'discussion'
          ? await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-04-10T11:00:00Z'))
          : await post(`/v1/cases/${caseId}/actions`, action(meetingId, '2024-04-10T11:00:00Z'));
      expect(recorded.status).toBeLessThan(300);
      const cancel = await post(`/v1/meetings/${meetingId}/cancel`, {
        reason: 'Chair unavailable',
        occurredAt: '2024-04-10T12:00:00Z',
      });
      expect({ status: cancel.status, rule: cancel.body.rule }).toEqual({
        status: 409,
        rule: 'meeting-cancelled-before-work-there',
      });
      const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200);
      expect(agenda.body).toMatchObject({
        phase: 'scheduled',
        cancellation: null,
        items: [{ caseId }],
      });
    }
  });

  it('refuses to record a meeting held on a day before a discussion already recorded there (409 naming occurredAt)', async () => {
    const { caseId, meetingId } = await listedIomCase();
    expect((await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-05-20T11:00:00Z'))).status).toBe(
      200,
    );
    const attendance = [{ agency: 'Police', status: 'present' }];
    const early = await post(`/v1/meetings/${meetingId}/held`, {
      attendance,
      casesDiscussed: [caseId],
      occurredAt: '2024-04-10T11:00:00Z',
    });
    expect({ status: early.status, rule: early.body.rule, fields: refusal(early).errors }).toEqual({
      status: 409,
      rule: 'meeting-held-not-before-work-there',
      fields: [{ field: 'occurredAt', rule: 'meeting-held-not-before-work-there' }],
    });
    const onItsDay = { attendance, casesDiscussed: [caseId], occurredAt: '2024-05-20T15:00:00Z' };
    expect((await post(`/v1/meetings/${meetingId}/held`, onItsDay)).status).toBe(200);
  });

  it('takes discussions on their true day at a meeting recorded held the morning after, undated', async () => {
    const { caseId, meetingId } = await listedIomCase();
    const attendance = [{ agency: 'Police', status: 'present' }];
    expect((await post(`/v1/meetings/${meetingId}/held`, { attendance, casesDiscussed: [caseId] })).status).toBe(200);
    expect((await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-04-10T11:00:00Z'))).status).toBe(
      200,
    );
  });

  it('keeps refusing a meeting id that names no meeting as before (4xx, nothing appended)', async () => {
    const { caseId } = await listedIomCase();
    const before = await eventsOf(caseId);
    const unknown = '0f8e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

    const discussed = await post(`/v1/cases/${caseId}/discussions`, discussion(unknown, '2024-04-10T11:00:00Z'));
    const agreed = await post(`/v1/cases/${caseId}/actions`, action(unknown, '2024-04-10T11:00:00Z'));

    expect({ status: discussed.status, rule: discussed.body.rule }).toEqual({
      status: 409,
      rule: 'case-discussed-when-listed',
    });
    expect({ status: agreed.status, rule: agreed.body.rule }).toEqual({ status: 422, rule: 'action-meeting-listed' });
    expect(await eventsOf(caseId)).toEqual(before);
  });

  it('refuses a closure dated before the last step on the case (400 naming occurredAt), keeping it in ?asOf=', async () => {
    const { caseId, meetingId } = await listedIomCase();
    expect((await post(`/v1/cases/${caseId}/discussions`, discussion(meetingId, '2024-04-10T11:00:00Z'))).status).toBe(
      200,
    );
    expect(
      (await post(`/v1/cases/${caseId}/risk-rating`, { rating: 'red', occurredAt: '2024-04-20T10:00:00Z' })).status,
    ).toBe(200);
    const before = await eventsOf(caseId);

    const closed = await post(`/v1/cases/${caseId}/close`, {
      exitStatus: 'success',
      occurredAt: '2024-04-05T10:00:00Z',
    });

    expect(refusal(closed)).toEqual({
      status: 400,
      rule: 'closure-after-last-step',
      errors: [{ field: 'occurredAt', rule: 'closure-after-last-step' }],
    });
    expect(JSON.stringify(closed.body)).toContain('2024-04-20');
    expect(await eventsOf(caseId)).toEqual(before);
    const asOf = await client.get('/v1/panels/IOM/cohort?asOf=2024-04-15', tokens.coordinator).expect(200);
    expect((asOf.body.items as { caseId: string }[]).map((item) => item.caseId)).toContain(caseId);
    // On the rating's day it closes.
    const onTheDay = await post(`/v1/cases/${caseId}/close`, {
      exitStatus: 'success',
      occurredAt: '2024-04-20T09:00:00Z',
    });
    expect(onTheDay.status).toBe(200);
  });

  it('refuses a decline and an IOM rejection dated before the work on the pending case (400 naming occurredAt), keeping it in ?asOf=', async () => {
    const subject = person({ forenames: 'Nell', surname: 'Backdate', dateOfBirth: '1980-01-02' });
    const marac = await post('/v1/referrals', maracReferral({ person: subject, referredAt: '2024-03-01T10:00:00Z' }));
    const iom = await post(
      '/v1/referrals',
      iomReferral(
        {},
        {
          person: person({
            forenames: 'Owen',
            surname: 'Backdate',
            sex: 'male',
            identifiers: { pnc: syntheticPnc(9650) },
          }),
        },
      ),
    );
    expect([marac.status, iom.status]).toEqual([201, 201]);
    const [maracCase, iomCase] = [marac.body.caseId as string, iom.body.caseId as string];
    // Still awaiting the panel's decision, and already worked on.
    const rated = await post(`/v1/cases/${maracCase}/risk-rating`, {
      rating: 'red',
      occurredAt: '2024-03-20T10:00:00Z',
    });
    const needs = await post(`/v1/cases/${iomCase}/iom/pathways`, {
      pathways: ['accommodation'],
      occurredAt: '2024-03-12T10:00:00Z',
    });
    expect([rated.status, needs.status]).toEqual([200, 200]);
    const before = { marac: await eventsOf(maracCase), iom: await eventsOf(iomCase) };

    const declined = await post(`/v1/cases/${maracCase}/decline`, {
      reason: 'Below threshold on review',
      occurredAt: '2024-03-10T10:00:00Z',
    });
    const rejected = await post(`/v1/cases/${iomCase}/iom/reject`, {
      category: 'capacity',
      reason: 'No capacity this quarter',
      occurredAt: '2024-03-05T10:00:00Z',
    });

    const refused = {
      status: 400,
      rule: 'decision-after-last-step',
      errors: [{ field: 'occurredAt', rule: 'decision-after-last-step' }],
    };
    expect({ declined: refusal(declined), rejected: refusal(rejected) }).toEqual({
      declined: refused,
      rejected: refused,
    });
    expect(JSON.stringify(declined.body)).toContain('2024-03-20');
    expect(JSON.stringify(rejected.body)).toContain('2024-03-12');
    expect({ marac: await eventsOf(maracCase), iom: await eventsOf(iomCase) }).toEqual(before);
    const listedAsOf = async (panel: string, day: string) =>
      (
        (await client.get(`/v1/panels/${panel}/cohort?limit=500&asOf=${day}`, tokens.coordinator).expect(200)).body
          .items as { caseId: string }[]
      ).map((item) => item.caseId);
    expect(await listedAsOf('MARAC', '2024-03-15')).toContain(maracCase);
    expect(await listedAsOf('IOM', '2024-03-10')).toContain(iomCase);
    // From the last step's day on, the panel can decide.
    const onTheDay = await post(`/v1/cases/${maracCase}/decline`, {
      reason: 'Below threshold on review',
      occurredAt: '2024-03-20T09:00:00Z',
    });
    const later = await post(`/v1/cases/${iomCase}/iom/reject`, {
      category: 'capacity',
      occurredAt: '2024-03-13T10:00:00Z',
    });
    expect([onTheDay.status, later.status]).toEqual([200, 200]);
  });
});
