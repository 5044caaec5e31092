import { apiForSuite } from './support/api-suite';
import { allianceReferral, person } from './support/referrals';

/**
 * The measures added beside the published Alliance table, from facts recorded through the real
 * routes: known to YOS checked later, custody release, follow-up, an engagement still without an
 * outcome, and one child engaged twice. Synthetic children only.
 */
describe('Operation Alliance evaluation: later facts and the added measures', () => {
  const { client, tokens } = apiForSuite({
    ally: { sub: 'ally-2', roles: ['coordinator'], panels: ['ALLIANCE'], agency: 'Haringey Council' },
    analyst: { sub: 'analyst-2', roles: ['analyst'] },
  });
  const refer = async (referredAt: string, forenames: string, alliance: Record<string, unknown>) => {
    const child = person({ forenames, surname: 'Syntheticfollow', dateOfBirth: '2005-03-01', sex: 'male' });
    const made = await client.post(
      '/v1/referrals',
      tokens.ally,
      allianceReferral({ referredAt, person: child }, alliance),
    );
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const on = async (caseId: string, route: string, body: unknown) => {
    const done = await client.post(`/v1/cases/${caseId}/${route}`, tokens.ally, body);
    expect([200, 201]).toContain(done.status);
  };
  const report = (format = 'json') =>
    client.get(`/v1/analytics/alliance/engagement?from=2020-11-01&to=2020-11-30&format=${format}`, tokens.analyst);

  beforeAll(async () => {
    // Not checked in custody; found known to YOS a week later; released next morning, followed up 47 h on.
    const kai = await refer('2020-11-03T15:00:00Z', 'Kai', { knownToYos: null });
    await on(kai, 'engagement-outcome', { outcome: 'intervention-arranged', occurredAt: '2020-11-03T16:00:00Z' });
    await on(kai, 'custody-release', { occurredAt: '2020-11-04T10:00:00Z' });
    await on(kai, 'follow-up', { occurredAt: '2020-11-06T09:00:00Z' });
    await on(kai, 'known-to-yos', {
      knownToYos: true,
      reason: 'YOS duty desk checked',
      occurredAt: '2020-11-10T10:00:00Z',
    });

    // Known in custody; "corrected" only in December, after the period; no release, followed up 72 h on.
    const ben = await refer('2020-11-10T15:00:00Z', 'Ben', { knownToYos: true });
    await on(ben, 'engagement-outcome', { outcome: 'would-not-engage', occurredAt: '2020-11-10T16:00:00Z' });
    await on(ben, 'follow-up', { occurredAt: '2020-11-13T15:00:00Z' });
    await on(ben, 'known-to-yos', {
      knownToYos: false,
      reason: 'YOS records recheck',
      occurredAt: '2020-12-05T10:00:00Z',
    });

    // No outcome recorded yet.
    await refer('2020-11-20T15:00:00Z', 'Cal', { knownToYos: false });

    // Out of area: owes no follow-up.
    const dev = await refer('2020-11-25T15:00:00Z', 'Dev', { knownToYos: null, residence: 'Barnet' });
    await on(dev, 'engagement-outcome', { outcome: 'out-of-area-mash-referral', occurredAt: '2020-11-25T16:00:00Z' });
  }, 60_000);

  it('follows known to YOS checked by the end of the period and adds the follow-up measures', async () => {
    const answered = await report();
    expect(answered.status).toBe(200);
    const { total, months } = answered.body;
    expect(total).toMatchObject({
      engaged: 3,
      knownToYos: { yes: 2, no: 0, notChecked: 1, shareYes: 1 },
      distinctChildren: 3,
      awaitingOutcome: 1,
      followUpOwed: 2,
      followedUpWithin48Hours: 1,
      followUpAnchoredOnEngagement: 1,
    });
    expect(months).toEqual([
      expect.objectContaining({ month: '2020-11', awaitingOutcome: 1, followedUpWithin48Hours: 1 }),
    ]);
  });

  it('gives the added measures per month and in total in the CSV', async () => {
    const answered = await report('csv');
    expect(answered.status).toBe(200);
    const lines = answered.text.split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '2020-11,distinctChildren,3',
        '2020-11,awaitingOutcome,1',
        'total,followUpOwed,2',
        'total,followedUpWithin48Hours,1',
        'total,followUpAnchoredOnEngagement,1',
      ]),
    );
  });
});
