import { maracReferral } from './support/referrals';
import { peopleClient } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/**
 * A victim referred to MARAC twice under two records (a mistyped date of birth, a move) is not a
 * repeat when the second referral is made; once a reviewer confirms the records are one victim,
 * coordinators "flag and tag" the later case as a repeat in the tracker and on the agenda, and a
 * split that separates the records takes it away again. Synthetic victims only.
 */
describe('MARAC repeat recognised after a merge, in the tracker and on the agenda', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let coordinator: string;
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });

  const victim = (dateOfBirth: string, postcode: string) => ({
    forenames: 'Eluned',
    surname: 'Tregarthen',
    dateOfBirth,
    sex: 'female',
    postcode,
  });
  const referred = async (person: Record<string, unknown>, referredAt: string) => {
    const incidentAt = new Date(Date.parse(referredAt) - 86_400_000).toISOString();
    const response = await client.post(
      '/v1/referrals',
      coordinator,
      maracReferral({ person, referredAt }, { perpetrator: undefined, incidentAt }),
    );
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { caseId: string; personId: string; repeat: boolean };
  };
  const trackerRepeat = async (caseId: string) => {
    const cohort = await client.get('/v1/panels/marac/cohort?limit=500', coordinator).expect(200);
    const item = (cohort.body.items as { caseId: string; marac: unknown }[]).find((i) => i.caseId === caseId);
    return item?.marac;
  };
  const agendaRepeat = async (meetingId: string, caseId: string) => {
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, coordinator).expect(200);
    const meeting = await client.get(`/v1/meetings/${meetingId}`, coordinator).expect(200);
    const repeatIn = (items: { caseId: string; marac?: { repeat: boolean; repeatRecognisedLater: boolean } }[]) => {
      const marac = items.find((i) => i.caseId === caseId)?.marac;
      return marac === undefined ? undefined : [marac.repeat, marac.repeatRecognisedLater];
    };
    return { agenda: repeatIn(agenda.body.items), meeting: repeatIn(meeting.body.agenda) };
  };

  it('shows the later case as a repeat recognised later once confirmed, and not after a split', async () => {
    const first = await referred(victim('1990-04-03', 'N16 7UX'), '2024-02-05T10:00:00Z');
    const second = await referred(victim('1990-04-04', 'E5 0LL'), '2024-09-09T10:00:00Z');
    expect(second.personId).not.toBe(first.personId);
    expect(second.repeat).toBe(false);

    const meeting = await client.post('/v1/meetings', coordinator, {
      panel: 'MARAC',
      scheduledFor: '2024-10-01T10:00:00Z',
      chair: 'DS Synthetic Chair',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    const listed = await client.post(`/v1/meetings/${meetingId}/cases`, coordinator, {
      caseId: second.caseId,
      agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
    });
    expect(listed.status).toBe(201);

    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [false, false], meeting: [false, false] });

    // The two records wait in the review queue: a reviewer confirms they are one victim.
    const queue = await client.get('/v1/people/match-reviews?limit=100', coordinator).expect(200);
    const review = (queue.body.items as { id: string; personIds: string[] }[]).find(
      (r) => r.personIds.includes(first.personId) && r.personIds.includes(second.personId),
    );
    expect(review).toBeDefined();
    const confirmed = await client.post(`/v1/people/match-reviews/${review?.id}/confirm`, coordinator, {
      reason: 'IDVA confirms one victim: date of birth mistyped, moved to a refuge',
    });
    expect(confirmed.status).toBe(200);

    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: true, repeatRecognisedLater: true });
    expect(await trackerRepeat(first.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [true, true], meeting: [true, true] });

    const split = await client.post(`/v1/people/${first.personId}/split`, coordinator, {
      restore: second.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [false, false], meeting: [false, false] });
  });
});
