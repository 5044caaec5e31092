import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { recordConfirmedMerge } from '../libs/identity/src/testing/confirmed-merge';
import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { peopleClient } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** What a coordinator relies on in the tracker beyond the happy path (issue 4 review). */
describe('panel cohorts: what a coordinator relies on', () => {
  let api: TestApi;
  let token: string;
  let client: ReturnType<typeof peopleClient>;
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = (url: string, body: unknown) => client.post(url, token, body);
  const get = (url: string) => client.get(url, token, null);
  type Item = { caseId: string; displayName: string; overdueAction: boolean } & Record<string, unknown>;
  const items = async (url: string): Promise<Item[]> => (await get(url).expect(200)).body.items as Item[];
  const caseIds = async (url: string) => (await items(url)).map((item) => item.caseId);
  const refer = async (body: unknown): Promise<string> => {
    const made = await post('/v1/referrals', body);
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const iomPerson = (forenames: string, surname: string, dateOfBirth: string) =>
    iomReferral({}, { person: person({ forenames, surname, dateOfBirth, sex: 'male' }) });

  it('lists the eligible people the IOM panel rejected, with the recorded reason, beside those awaiting a decision', async () => {
    const rejected = await refer(iomPerson('Rory', 'Declined', '1985-02-02'));
    const awaiting = await refer(iomPerson('Abel', 'Awaiting', '1986-03-03'));
    const adopted = await refer(iomPerson('Ada', 'Managed', '1987-04-04'));
    await post(`/v1/cases/${rejected}/iom/reject`, {
      category: 'capacity',
      reason: 'No IOM capacity this quarter',
    }).then((r) => expect(r.status).toBe(200));
    await post(`/v1/cases/${adopted}/iom/adopt`, { reason: 'Prolific, agreed at panel' }).then((r) =>
      expect(r.status).toBe(200),
    );

    const gap = await items('/v1/panels/IOM/eligible-not-adopted');
    expect(gap.map((item) => item.caseId).sort()).toEqual([rejected, awaiting].sort());
    expect(gap.find((item) => item.caseId === rejected)).toMatchObject({
      displayName: 'Rory Declined',
      iom: { eligible: true, decision: 'rejected', reasonCategory: 'capacity', reason: 'No IOM capacity this quarter' },
    });
    // The tracker's own rejected filter answers the same question.
    expect(await caseIds('/v1/panels/IOM/cohort?eligibility=rejected')).toEqual([rejected]);

    // Referred again: the new referral awaits a decision, and the person is listed once, by it.
    const again = await refer(iomPerson('Rory', 'Declined', '1985-02-02'));
    expect((await caseIds('/v1/panels/IOM/eligible-not-adopted')).sort()).toEqual([again, awaiting].sort());
  });

  it('shows overdue actions and follow-ups as they stood on the day asked for, not as they stand today', async () => {
    const caseId = await refer(
      maracReferral({
        person: person({ forenames: 'Olive', surname: 'Asof', dateOfBirth: '1979-05-05' }),
        referredAt: '2023-03-01T09:00:00Z',
      }),
    );
    await post(`/v1/cases/${caseId}/actions`, {
      description: 'Housing safety check',
      ownerAgency: 'Council housing',
      dueBy: '2023-03-20',
      occurredAt: '2023-03-05T10:00:00Z',
    }).then((r) => expect(r.status).toBe(201));

    const asOf = async (day: string, filter = '') =>
      (await items(`/v1/panels/MARAC/cohort?asOf=${day}&q=olive${filter}`)).map((item) => [
        item.caseId,
        item.overdueAction,
      ]);
    expect(await asOf('2023-03-10')).toEqual([[caseId, false]]);
    expect(await asOf('2023-03-10', '&overdue=true')).toEqual([]);
    expect(await asOf('2023-03-20')).toEqual([[caseId, false]]); // due that day: not yet overdue
    expect(await asOf('2023-03-21')).toEqual([[caseId, true]]);

    // Operation Alliance: the follow-up falls due 48 hours after the custody engagement.
    const child = await refer(
      allianceReferral({
        person: person({ forenames: 'Kit', surname: 'Followup', dateOfBirth: '2006-07-07' }),
        referredAt: '2020-11-03T15:00:00Z',
      }),
    );
    const followUp = async (day: string) =>
      (await items(`/v1/panels/ALLIANCE/cohort?asOf=${day}&q=kit`)).map((item) => [item.caseId, item.alliance]);
    expect(await followUp('2020-11-04')).toEqual([
      [
        child,
        {
          residence: 'Haringey',
          outcome: null,
          followUpDue: '2020-11-05T15:00:00.000Z',
          followUpOverdue: false,
          followUpFrom: 'engagement',
        },
      ],
    ]);
    expect(await followUp('2020-11-06')).toEqual([
      [
        child,
        {
          residence: 'Haringey',
          outcome: null,
          followUpDue: '2020-11-05T15:00:00.000Z',
          followUpOverdue: true,
          followUpFrom: 'engagement',
        },
      ],
    ]);
  });

  it("refuses a filter the panel does not have, or a status outside the panel's list, naming the field", async () => {
    const refused = async (url: string) => {
      const response = await get(url);
      expect(response.status).toBe(400);
      return (response.body.errors as { field: string }[]).map((error) => error.field);
    };
    // IOM has no IDVA column: `none` would otherwise match every IOM case.
    expect(await refused('/v1/panels/IOM/cohort?idva=none')).toEqual(['idva']);
    expect(await refused('/v1/panels/MARAC/cohort?eligibility=adopted')).toEqual(['eligibility']);
    expect(await refused('/v1/panels/MARAC/cohort?status=custody')).toEqual(['status']);
    expect(await refused('/v1/panels/IOM/eligible-not-adopted?eligibility=adopted')).toEqual(['eligibility']);
    await get('/v1/panels/IOM/cohort?status=custody').expect(200);
    await get('/v1/panels/MARAC/cohort?status=awaiting-meeting&idva=none').expect(200);
  });

  it('shows as next meeting the coming one the case is listed on, not an earlier one that did not reach it', async () => {
    const caseId = await refer(iomPerson('Noel', 'Relisted', '1988-08-08'));
    const meeting = async (scheduledFor: string) => {
      const scheduled = await post('/v1/meetings', { panel: 'IOM', scheduledFor, chair: 'DI Priya Shah' });
      expect(scheduled.status).toBe(201);
      const listed = await post(`/v1/meetings/${scheduled.body.meetingId}/cases`, { caseId, agencyRequests: [] });
      expect(listed.status).toBe(201);
    };
    const nextYear = `${new Date().getUTCFullYear() + 1}-06-10T10:00:00Z`;
    // Listed for May 2024, not reached there (no discussion recorded), listed again for next June.
    await meeting('2024-05-10T10:00:00Z');
    expect((await items('/v1/panels/IOM/cohort?q=relisted'))[0]?.nextMeeting).toBeNull();
    await meeting(nextYear);
    expect((await items('/v1/panels/IOM/cohort?q=relisted'))[0]?.nextMeeting).toBe(nextYear);
    expect(await caseIds('/v1/panels/IOM/cohort?q=relisted&nextReviewBefore=2024-05-31')).toEqual([]);
    expect(await caseIds(`/v1/panels/IOM/cohort?q=relisted&nextReviewBefore=${nextYear.slice(0, 10)}`)).toEqual([
      caseId,
    ]);
  });

  /** Schedules an IOM meeting for `scheduledFor` and lists each case on it; returns its id. */
  const meetingWith = async (scheduledFor: string, caseIds: readonly string[]): Promise<string> => {
    const scheduled = await post('/v1/meetings', { panel: 'IOM', scheduledFor, chair: 'DI Priya Shah' });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetingId as string;
    for (const caseId of caseIds) {
      const listed = await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] });
      expect(listed.status).toBe(201);
    }
    return meetingId;
  };
  const nextMeetings = async (url: string) =>
    Object.fromEntries((await items(url)).map((item) => [item.caseId, item.nextMeeting]));

  it('no longer shows a cancelled meeting as next, today or as of today, nor finds the case by it', async () => {
    const caseId = await refer(iomPerson('Cora', 'Cancelled', '1989-09-09'));
    const nextJune = `${new Date().getUTCFullYear() + 1}-06-11T10:00:00Z`;
    const nextJuly = `${new Date().getUTCFullYear() + 1}-07-09T10:00:00Z`;
    const june = await meetingWith(nextJune, [caseId]);
    await meetingWith(nextJuly, [caseId]);
    const today = ukDateAt(new Date());
    const byJune = `nextReviewBefore=${nextJune.slice(0, 10)}`;
    expect(await nextMeetings('/v1/panels/IOM/cohort?q=cancelled')).toEqual({ [caseId]: nextJune });
    expect(await caseIds(`/v1/panels/IOM/cohort?q=cancelled&${byJune}`)).toEqual([caseId]);

    const cancelled = await post(`/v1/meetings/${june}/cancel`, { reason: 'Chair unavailable; no quorum' });
    expect(cancelled.status).toBe(200);
    // The case waits for the meeting it is still listed on.
    expect(await nextMeetings('/v1/panels/IOM/cohort?q=cancelled')).toEqual({ [caseId]: nextJuly });
    expect(await caseIds(`/v1/panels/IOM/cohort?q=cancelled&${byJune}`)).toEqual([]);
    // The past-day view replays the same events and agrees.
    expect(await nextMeetings(`/v1/panels/IOM/cohort?q=cancelled&asOf=${today}`)).toEqual({ [caseId]: nextJuly });
    expect(await caseIds(`/v1/panels/IOM/cohort?q=cancelled&asOf=${today}&${byJune}`)).toEqual([]);
  });

  it('no longer shows a meeting recorded held as next on the day it sat, for the cases it reached or not', async () => {
    const reached = await refer(iomPerson('Hana', 'Heldtoday', '1990-10-10'));
    const carried = await refer(iomPerson('Hugo', 'Heldtoday', '1991-11-11'));
    // Sitting today: until it is recorded held, it is the meeting both cases wait for.
    const sitting = new Date().toISOString();
    const meetingId = await meetingWith(sitting, [reached, carried]);
    const today = ukDateAt(new Date());
    const byToday = `nextReviewBefore=${today}`;
    expect(await nextMeetings(`/v1/panels/IOM/cohort?q=heldtoday&${byToday}`)).toEqual({
      [reached]: sitting,
      [carried]: sitting,
    });

    // It reached one case; the other carries over to whatever it is listed on next.
    const held = await post(`/v1/meetings/${meetingId}/held`, {
      attendance: [{ agency: 'Police', status: 'present' }],
      casesDiscussed: [reached],
    });
    expect({ status: held.status, body: held.body }).toMatchObject({ status: 200 });
    const none = { [reached]: null, [carried]: null };
    expect(await nextMeetings('/v1/panels/IOM/cohort?q=heldtoday')).toEqual(none);
    expect(await nextMeetings(`/v1/panels/IOM/cohort?q=heldtoday&asOf=${today}`)).toEqual(none);
    expect(await caseIds(`/v1/panels/IOM/cohort?q=heldtoday&${byToday}`)).toEqual([]);
    expect(await caseIds(`/v1/panels/IOM/cohort?q=heldtoday&asOf=${today}&${byToday}`)).toEqual([]);
  });

  it('shows as last discussed the sitting of a meeting recorded held that named the case, today and as of today', async () => {
    const reached = await refer(iomPerson('Dara', 'Heldnamed', '1992-12-12'));
    const carried = await refer(iomPerson('Dina', 'Heldnamed', '1993-01-13'));
    const meetingId = await meetingWith(new Date().toISOString(), [reached, carried]);
    const today = ukDateAt(new Date());
    const lastDiscussed = async (url: string) =>
      Object.fromEntries((await items(url)).map((item) => [item.caseId, item.lastDiscussed]));
    expect(await lastDiscussed('/v1/panels/IOM/cohort?q=heldnamed')).toEqual({ [reached]: null, [carried]: null });

    // No discussion recorded on either case: the meeting's record is all there is.
    const heldAt = new Date().toISOString();
    const held = await post(`/v1/meetings/${meetingId}/held`, {
      attendance: [{ agency: 'Probation', status: 'present' }],
      casesDiscussed: [reached],
      occurredAt: heldAt,
    });
    expect({ status: held.status, body: held.body }).toMatchObject({ status: 200 });
    const discussed = { [reached]: heldAt, [carried]: null };
    expect(await lastDiscussed('/v1/panels/IOM/cohort?q=heldnamed')).toEqual(discussed);
    expect(await lastDiscussed(`/v1/panels/IOM/cohort?q=heldnamed&asOf=${today}`)).toEqual(discussed);
  });

  it('lists a rejected person once in eligible-not-adopted when a reviewer merges the record a new referral made into theirs', async () => {
    const referred = async (dateOfBirth: string, postcode: string) => {
      const rhys = person({ forenames: 'Rhys', surname: 'Mergedlater', dateOfBirth, sex: 'male', postcode });
      const made = await post('/v1/referrals', iomReferral({}, { person: rhys }));
      expect(made.status).toBe(201);
      return made.body as { caseId: string; personId: string };
    };
    const first = await referred('1984-01-21', 'N17 6AB');
    await post(`/v1/cases/${first.caseId}/iom/reject`, {
      category: 'managed-by-another-scheme',
      reason: 'Stable, managed by probation alone',
    }).then((r) => expect(r.status).toBe(200));
    // Moved, and the date of birth mistyped: a new record, until a reviewer says otherwise.
    const second = await referred('1984-01-12', 'E5 0LL');
    expect(second.personId).not.toBe(first.personId);
    const gapOf = async (minPosition: number) => {
      const response = await request(api.app.getHttpServer())
        .get('/v1/panels/IOM/eligible-not-adopted?q=mergedlater')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Min-Position', String(minPosition))
        .expect(200);
      return (response.body.items as Item[]).map((item) => [item.caseId, item.personId]);
    };
    expect((await gapOf(client.position)).sort()).toEqual(
      [
        [first.caseId, first.personId],
        [second.caseId, second.personId],
      ].sort(),
    );

    const at = new Date().toISOString();
    const actor = { id: 'coordinator-1', name: 'Casey Coordinator', agency: 'Probation', roles: ['coordinator'] };
    const merged = await recordConfirmedMerge(
      api.app.get<EventStore>(EVENT_STORE),
      {
        survivorId: first.personId,
        mergedId: second.personId,
        reason: 'Same man: date of birth mistyped',
        occurredAt: at,
      },
      {
        actor,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: at,
        now: at,
        eventId: () => randomUUID(),
      },
    );
    // Referred again, as the same person now: listed once, by the new referral.
    expect(await gapOf(Number(merged.position))).toEqual([[second.caseId, first.personId]]);
  });

  it('finds a person by their names in any order, whatever the spacing and case', async () => {
    const caseId = await refer(iomPerson('Zoë', 'Ní Bhriain', '1992-06-06'));
    for (const words of ['bhriain zoë', 'ZOË  NÍ', ' ní bhriain ', 'zo']) {
      expect(await caseIds(`/v1/panels/IOM/cohort?q=${encodeURIComponent(words)}`)).toEqual([caseId]);
    }
    expect(await caseIds(`/v1/panels/IOM/cohort?q=${encodeURIComponent('zoë smith')}`)).toEqual([]);
    // LIKE's wildcards are plain characters here.
    expect(await caseIds(`/v1/panels/IOM/cohort?q=${encodeURIComponent('z%')}`)).toEqual([]);
    expect(await caseIds(`/v1/panels/IOM/cohort?q=${encodeURIComponent('_')}`)).toEqual([]);
  });
});
