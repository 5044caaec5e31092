import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface MaracItem {
  caseId: string;
  marac: { repeat: boolean; repeatRecognisedLater: boolean };
}

/**
 * SafeLives: a repeat is a further incident within 12 months of the victim's last referral, and
 * must be heard even below threshold. Referrals follow incidents by days or weeks, so it is the
 * incident's date that falls in the window. Synthetic victims only.
 */
describe('MARAC repeat: a further incident within 12 months of the last referral', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const victim = (forenames: string, dateOfBirth: string) => person({ forenames, surname: 'Incidence', dateOfBirth });
  const refer = (who: Record<string, unknown>, referredAt: string, marac: Record<string, unknown>) =>
    client.post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral({ person: who, referredAt }, { perpetrator: undefined, ...marac }),
    );
  const referredFirst = async (who: Record<string, unknown>, referredAt: string, incidentAt: string) =>
    expect((await refer(who, referredAt, { incidentAt })).status).toBe(201);
  const tracked = async (caseId: string) => {
    const response = await client.get('/v1/panels/MARAC/cohort?limit=500', tokens.coordinator).expect(200);
    return (response.body.items as MaracItem[]).find((item) => item.caseId === caseId)?.marac;
  };
  const repeatRate = async (from: string, to: string) =>
    (await client.get(`/v1/analytics/marac/repeat-rate?from=${from}&to=${to}`, tokens.analyst, null).expect(200)).body;

  // Last referred 2 May 2023; assaulted again 28 April 2024, before the anniversary; referred 9 May 2024, after it.
  const LAST_REFERRAL = '2023-05-02T09:00:00Z';
  const FURTHER_INCIDENT = '2024-04-28T22:00:00Z';
  const REFERRED_AFTER_ANNIVERSARY = '2024-05-09T09:00:00Z';

  it('flags the referral a repeat, in its answer and on the tracker', async () => {
    const ada = victim('Ada', '1986-02-11');
    await referredFirst(ada, LAST_REFERRAL, '2023-05-01T22:00:00Z');
    const second = await refer(ada, REFERRED_AFTER_ANNIVERSARY, { incidentAt: FURTHER_INCIDENT, dashScore: 16 });
    expect({ status: second.status, repeat: second.body.repeat }).toEqual({ status: 201, repeat: true });
    expect(await tracked(second.body.caseId as string)).toMatchObject({ repeat: true, repeatRecognisedLater: false });
  });

  it('hears it below threshold', async () => {
    const bea = victim('Bea', '1979-08-30');
    await referredFirst(bea, LAST_REFERRAL, '2023-05-01T22:00:00Z');
    const second = await refer(bea, REFERRED_AFTER_ANNIVERSARY, {
      incidentAt: FURTHER_INCIDENT,
      dashScore: 6,
      criteria: ['repeat'],
    });
    expect({ status: second.status, body: second.body }).toMatchObject({
      status: 201,
      body: { repeat: true },
    });
  });

  it('counts it in the repeat-rate report', async () => {
    // Ada's and Bea's second referrals are the period's only referrals.
    expect(await repeatRate('2024-05-01', '2024-05-31')).toMatchObject({
      referrals: 2,
      repeats: 2,
      repeatsFlaggedAtReferral: 2,
    });
  });

  it('finds no repeat in an incident dated before the last referral: it is not a further incident', async () => {
    const cal = victim('Cal', '1991-12-05');
    await referredFirst(cal, '2024-03-01T09:00:00Z', '2024-02-29T20:00:00Z');
    const again = await refer(cal, '2024-03-04T09:00:00Z', { incidentAt: '2024-02-27T21:00:00Z', dashScore: 16 });
    expect({ status: again.status, repeat: again.body.repeat }).toEqual({ status: 201, repeat: false });
    expect(await tracked(again.body.caseId as string)).toMatchObject({ repeat: false, repeatRecognisedLater: false });

    const dee = victim('Dee', '1993-01-17');
    await referredFirst(dee, '2024-03-01T09:00:00Z', '2024-02-29T20:00:00Z');
    const below = await refer(dee, '2024-03-04T09:00:00Z', {
      incidentAt: '2024-02-27T21:00:00Z',
      dashScore: 6,
      criteria: ['repeat'],
    });
    expect({ status: below.status, rule: below.body.rule }).toEqual({ status: 422, rule: 'marac-referral-criteria' });
    expect(await repeatRate('2024-03-01', '2024-03-31')).toMatchObject({ referrals: 3, repeats: 0 });
  });
});
