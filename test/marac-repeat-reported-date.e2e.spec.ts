import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface MaracItem {
  caseId: string;
  marac: { repeat: boolean; repeatRecognisedLater: boolean; repeatFrom: string | null };
}

/**
 * SafeLives: a repeat is a further incident within 12 months of the victim's last referral, and it
 * must be heard even below threshold. The form's "previous MARAC date" (a MARAC before this system
 * went live, or another area's) is such a referral: without it every repeat of the first year after
 * go-live, and every victim who moved borough, would be missed. Synthetic victims only.
 */
describe('MARAC repeat judged on the previous MARAC date the form gives', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const victim = (forenames: string, dateOfBirth: string) => person({ forenames, surname: 'Hartwell', dateOfBirth });
  const refer = (who: Record<string, unknown>, referredAt: string, marac: Record<string, unknown>) =>
    client.post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral({ person: who, referredAt }, { perpetrator: undefined, ...marac }),
    );
  const tracked = async (caseId: string) => {
    const response = await client.get('/v1/panels/MARAC/cohort?limit=500', tokens.coordinator).expect(200);
    return (response.body.items as MaracItem[]).find((item) => item.caseId === caseId)?.marac;
  };
  const repeatRate = async (from: string, to: string) =>
    (await client.get(`/v1/analytics/marac/repeat-rate?from=${from}&to=${to}`, tokens.analyst, null).expect(200)).body;

  const onAgenda = async (caseId: string) => {
    const meeting = await client.post('/v1/meetings', tokens.coordinator, {
      panel: 'MARAC',
      scheduledFor: '2026-03-03T10:00:00Z',
      chair: 'DS Synthetic Chair',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    const listed = await client.post(`/v1/meetings/${meetingId}/cases`, tokens.coordinator, {
      caseId,
      agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
    });
    expect(listed.status).toBe(201);
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.coordinator).expect(200);
    return (agenda.body.items as { caseId: string; marac?: unknown }[]).find((item) => item.caseId === caseId)?.marac;
  };

  it('hears a below-threshold re-referral whose last MARAC only the form dates, and shows it a repeat', async () => {
    const below = await refer(victim('Imogen', '1984-06-21'), '2026-02-10T09:00:00Z', {
      incidentAt: '2026-02-09T21:00:00Z',
      dashScore: 6,
      criteria: ['repeat'],
      previousMaracDate: '2025-11-20',
      otherAreaMarac: 'Heard at a neighbouring MARAC on 20 Nov 2025',
    });
    expect({ status: below.status, body: below.body }).toMatchObject({
      status: 201,
      body: { repeat: true, repeatFrom: 'reported' },
    });
    expect(await tracked(below.body.caseId as string)).toEqual({
      repeat: true,
      repeatRecognisedLater: false,
      repeatFrom: 'reported',
      dashScore: 6,
      idva: null,
    });
    expect(await onAgenda(below.body.caseId as string)).toEqual({
      repeat: true,
      repeatRecognisedLater: false,
      repeatFrom: 'reported',
      dashScore: 6,
    });
  });

  it('flags an above-threshold referral a repeat on the form’s date, and the report counts both', async () => {
    const above = await refer(victim('Juno', '1977-03-02'), '2026-02-10T09:00:00Z', {
      incidentAt: '2026-02-09T21:00:00Z',
      dashScore: 16,
      criteria: ['visible-high-risk', 'repeat'],
      previousMaracDate: '2025-11-20',
    });
    expect({ status: above.status, repeat: above.body.repeat }).toEqual({ status: 201, repeat: true });
    expect(await tracked(above.body.caseId as string)).toMatchObject({ repeat: true, repeatFrom: 'reported' });
    expect(await repeatRate('2026-02-01', '2026-02-28')).toMatchObject({
      referrals: 2,
      repeats: 2,
      repeatsFlaggedAtReferral: 2,
      repeatsFromReportedDate: 2,
    });
  });

  it('refuses a below-threshold referral whose reported MARAC is more than 12 months before the incident, saying so', async () => {
    const late = await refer(victim('Kerensa', '1989-10-14'), '2026-03-12T09:00:00Z', {
      incidentAt: '2026-03-11T21:00:00Z',
      dashScore: 6,
      criteria: ['repeat'],
      previousMaracDate: '2025-03-10',
    });
    expect({ status: late.status, rule: late.body.rule }).toEqual({ status: 422, rule: 'marac-referral-criteria' });
    expect(late.body.message).toContain("2025-03-10, the form's previous MARAC date");
    expect(late.body.message).toContain('2026-03-10');
  });

  it('judges on the history and on the form: a later MARAC elsewhere opens a new window', async () => {
    const who = victim('Lowenna', '1992-01-08');
    const first = await refer(who, '2025-01-15T09:00:00Z', { incidentAt: '2025-01-14T21:00:00Z' });
    expect(first.status).toBe(201);
    // Fourteen months on: past this system's window, inside that of the other area's MARAC in October.
    const again = await refer(who, '2026-03-20T09:00:00Z', {
      incidentAt: '2026-03-19T21:00:00Z',
      dashScore: 5,
      criteria: ['repeat'],
      previousMaracDate: '2025-10-02',
      otherAreaMarac: 'Heard at a neighbouring MARAC on 2 Oct 2025',
    });
    expect({ status: again.status, body: again.body }).toMatchObject({
      status: 201,
      body: { repeat: true, repeatFrom: 'reported' },
    });
    expect(await tracked(again.body.caseId as string)).toMatchObject({ repeat: true, repeatFrom: 'reported' });
  });

  it('keeps a repeat the history shows when the form dates the MARAC that heard her after the incident', async () => {
    // Referred here in March, heard at the MARAC on 2 October, assaulted again on 20 September: the
    // form's date (the hearing) falls after the incident, and must not hide the repeat.
    const who = victim('Tamsin', '1987-04-12');
    expect((await refer(who, '2025-03-05T09:00:00Z', { incidentAt: '2025-03-04T21:00:00Z' })).status).toBe(201);
    const again = await refer(who, '2025-10-06T09:00:00Z', {
      incidentAt: '2025-09-20T21:00:00Z',
      dashScore: 5,
      criteria: ['repeat'],
      previousMaracDate: '2025-10-02',
    });
    expect({ status: again.status, body: again.body }).toMatchObject({
      status: 201,
      body: { repeat: true, repeatFrom: 'history' },
    });
    expect(await tracked(again.body.caseId as string)).toMatchObject({ repeat: true, repeatFrom: 'history' });
  });

  it('refuses a re-referral whose incident came before her last referral here, whatever older MARAC the form names', async () => {
    const who = victim('Orla', '1985-01-02');
    expect((await refer(who, '2026-01-20T09:00:00Z', { incidentAt: '2026-01-19T21:00:00Z' })).status).toBe(201);
    const again = await refer(who, '2026-02-10T09:00:00Z', {
      incidentAt: '2026-01-15T21:00:00Z',
      dashScore: 6,
      criteria: ['repeat'],
      previousMaracDate: '2025-11-20',
    });
    expect({ status: again.status, rule: again.body.rule }).toEqual({ status: 422, rule: 'marac-referral-criteria' });
    expect(again.body.message).toContain('2026-01-20, referred here');
  });

  it('says a repeat the history shows comes from the history', async () => {
    const who = victim('Morwenna', '1981-05-27');
    expect((await refer(who, '2025-09-01T09:00:00Z', { incidentAt: '2025-08-31T21:00:00Z' })).status).toBe(201);
    const again = await refer(who, '2026-01-05T09:00:00Z', {
      incidentAt: '2026-01-04T21:00:00Z',
      dashScore: 5,
      criteria: ['repeat'],
      previousMaracDate: '2025-06-01',
    });
    expect({ status: again.status, body: again.body }).toMatchObject({
      status: 201,
      body: { repeat: true, repeatFrom: 'history' },
    });
    expect(await tracked(again.body.caseId as string)).toMatchObject({ repeat: true, repeatFrom: 'history' });
  });

  it('refuses a previous MARAC date before the victim was born, naming the field', async () => {
    const unborn = await refer(victim('Nessa', '1995-07-30'), '2026-02-10T09:00:00Z', {
      incidentAt: '2026-02-09T21:00:00Z',
      previousMaracDate: '1995-07-29',
    });
    expect({ status: unborn.status, body: unborn.body }).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'marac.previousMaracDate', rule: 'marac-previous-after-birth' }] },
    });
  });
});
