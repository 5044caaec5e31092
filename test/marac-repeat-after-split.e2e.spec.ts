import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A split that moves a victim's record and case to a new person (not an unmerge) moves her MARAC
 * history with it: the repeat rule (a further referral within 12 months of the same victim's last)
 * judges each woman on the cases that are hers now. Synthetic victims only.
 */
describe('MARAC repeat detection after a split to a new person', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });

  /** Each test its own woman: the suite shares one app, so a repeated name would link across tests. */
  const tonkin = (postcode: string) =>
    person({ forenames: 'Jenna', surname: 'Tonkin', dateOfBirth: '1990-01-01', postcode });
  const pascoe = (postcode: string) =>
    person({ forenames: 'Tamsin', surname: 'Pascoe', dateOfBirth: '1984-07-23', postcode });
  const referred = (victim: Record<string, unknown>, referredAt: string) =>
    referredToMarac(client, tokens.coordinator, victim, referredAt);
  const previousReferralOf = async (caseId: string): Promise<unknown> => {
    const history = await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator).expect(200);
    const made = (history.body.items as { type: string; data: { details: Record<string, unknown> } }[]).find(
      (e) => e.type === 'referral-made',
    );
    return made?.data.details.previousMaracReferralAt;
  };

  /** Two referrals linked as one woman, then the second record and case split off to a new person. */
  const twoWomenSplitApart = async (recordedAs: (postcode: string) => Record<string, unknown>, year = 2023) => {
    const first = await referred(recordedAs('N1 9GU'), `${year}-01-16T10:00:00Z`);
    const second = await referred(recordedAs('E8 3QT'), `${year}-03-16T10:00:00Z`);
    expect(second).toMatchObject({ personId: first.personId, repeat: true });
    const held = await client.get(`/v1/people/${first.personId}`, tokens.coordinator).expect(200);
    const record = (held.body.records as { recordId: string; caseId: string }[]).find(
      (r) => r.caseId === second.caseId,
    );
    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
      recordIds: [record?.recordId],
      caseIds: [second.caseId],
      reason: 'Two different women per the IDVA',
    });
    expect(split.status).toBe(200);
    return { first, second, splitOff: split.body.intoPersonId as string };
  };

  it('counts the moved case for the person it moved to', async () => {
    const { splitOff } = await twoWomenSplitApart(pascoe);
    // Three months after her own referral of 16 March.
    const third = await referred(pascoe('E8 3QT'), '2023-06-16T10:00:00Z');
    expect(third).toMatchObject({ personId: splitOff, repeat: true });
    expect(await previousReferralOf(third.caseId)).toBe('2023-03-16T10:00:00Z');
  });

  it('no longer counts the moved case for the person it left', async () => {
    const { first } = await twoWomenSplitApart(tonkin);
    // Thirteen months after her own last referral; eleven after the other woman's.
    const fourth = await referred(tonkin('N1 9GU'), '2024-02-20T10:00:00Z');
    expect(fourth).toMatchObject({ personId: first.personId, repeat: false });
    expect(await previousReferralOf(fourth.caseId)).toBe('2023-01-16T10:00:00Z');
  });

  it('the tracker and the repeat-rate report judge each woman on her own cases after the split', async () => {
    const keverne = (postcode: string) =>
      person({ forenames: 'Ruth', surname: 'Keverne', dateOfBirth: '1979-11-05', postcode });
    // 2021: no other test refers anyone that year, so the report holds these three alone.
    const { first, second, splitOff } = await twoWomenSplitApart(keverne, 2021);
    const third = await referred(keverne('E8 3QT'), '2021-06-16T10:00:00Z');
    expect(third).toMatchObject({ personId: splitOff, repeat: true });

    const cohort = await client.get('/v1/panels/marac/cohort?limit=500', tokens.coordinator).expect(200);
    const repeatOf = (caseId: string) =>
      (cohort.body.items as { caseId: string; marac: { repeat: boolean } }[]).find((i) => i.caseId === caseId)?.marac
        .repeat;
    // Her March referral was flagged against the other woman's January one: her first, as known now.
    expect([first, second, third].map((made) => repeatOf(made.caseId))).toEqual([false, false, true]);

    const report = await client
      .get('/v1/analytics/marac/repeat-rate?from=2021-01-01&to=2021-12-31', tokens.analyst, null)
      .expect(200);
    expect(report.body).toMatchObject({ referrals: 3, repeats: 1, repeatsFlaggedAtReferral: 2 });
  });
});
