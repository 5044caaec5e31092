import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A victim referred to MARAC twice under two records (a mistyped date of birth, a move) is not a
 * repeat when the second referral is made; once a reviewer confirms the records are one victim,
 * coordinators "flag and tag" the later case as a repeat in the tracker and on the agenda, and a
 * split that separates the records takes it away again. Synthetic victims only.
 */
describe('MARAC repeat recognised after a merge, in the tracker and on the agenda', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  const victim = (dateOfBirth: string, postcode: string) =>
    person({ forenames: 'Eluned', surname: 'Tregarthen', dateOfBirth, postcode });
  const referred = (recorded: Record<string, unknown>, referredAt: string) =>
    referredToMarac(client, tokens.coordinator, recorded, referredAt);
  const trackerRepeat = async (caseId: string) => {
    const cohort = await client.get('/v1/panels/marac/cohort?limit=500', tokens.coordinator).expect(200);
    const item = (cohort.body.items as { caseId: string; marac: unknown }[]).find((i) => i.caseId === caseId);
    return item?.marac;
  };
  const agendaRepeat = async (meetingId: string, caseId: string) => {
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200);
    const meeting = await client.get(`/v1/meetings/${meetingId}`, tokens.coordinator).expect(200);
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

    const meeting = await client.post('/v1/meetings', tokens.coordinator, {
      panel: 'MARAC',
      scheduledFor: '2024-10-01T10:00:00Z',
      chair: 'DS Synthetic Chair',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    const listed = await client.post(`/v1/meetings/${meetingId}/cases`, tokens.coordinator, {
      caseId: second.caseId,
      agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
    });
    expect(listed.status).toBe(201);

    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [false, false], meeting: [false, false] });

    // The two records wait in the review queue: a reviewer confirms they are one victim.
    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);

    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: true, repeatRecognisedLater: true });
    expect(await trackerRepeat(first.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [true, true], meeting: [true, true] });

    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
      restore: second.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    expect(await trackerRepeat(second.caseId)).toMatchObject({ repeat: false, repeatRecognisedLater: false });
    expect(await agendaRepeat(meetingId, second.caseId)).toEqual({ agenda: [false, false], meeting: [false, false] });
  });
});
