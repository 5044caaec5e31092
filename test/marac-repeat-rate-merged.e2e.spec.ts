import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The repeat-rate report judges repeats on victims as the log now knows them: a victim referred
 * twice under two records counts as a repeat once a reviewer confirms the records are one woman,
 * and no longer once a split restores the second. Synthetic victim only.
 */
describe('MARAC repeat-rate report across confirmed matches and restoring splits', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });

  /** The same victim recorded twice: one digit of the date of birth differs and she has moved. */
  const recordedAs = (dateOfBirth: string, postcode: string) =>
    person({ forenames: 'Lowenna', surname: 'Carthew', dateOfBirth, postcode });
  const referred = (victim: Record<string, unknown>, referredAt: string) =>
    referredToMarac(client, tokens.coordinator, victim, referredAt);
  const repeatRate = async () =>
    (
      await client
        .get('/v1/analytics/marac/repeat-rate?from=2023-01-01&to=2023-12-31', tokens.analyst, null)
        .expect(200)
    ).body;
  const repeatRateCsv = async () =>
    (
      await client
        .get('/v1/analytics/marac/repeat-rate?from=2023-01-01&to=2023-12-31&format=csv', tokens.analyst, null)
        .expect(200)
    ).text.split('\r\n');

  it('counts her second referral as a repeat once the match is confirmed, and not after a restoring split', async () => {
    const first = await referred(recordedAs('1984-03-21', 'N16 7UX'), '2023-02-06T10:00:00Z');
    const second = await referred(recordedAs('1984-03-22', 'E5 0LL'), '2023-05-08T10:00:00Z');
    expect(second.personId).not.toBe(first.personId);
    expect(second.repeat).toBe(false);
    expect(await repeatRate()).toMatchObject({ referrals: 2, repeats: 0, repeatsRecognisedByMerge: 0 });

    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);

    const merged = await repeatRate();
    expect(merged).toMatchObject({
      referrals: 2,
      repeats: 1,
      rate: 0.5,
      repeatsFlaggedAtReferral: 0,
      repeatsRecognisedByMerge: 1,
      equality: { sex: { female: 2 } },
    });
    expect(merged.months[4]).toEqual({ month: '2023-05', referrals: 1, repeats: 1, rate: 1 });
    expect(await repeatRateCsv()).toEqual(
      expect.arrayContaining(['period,repeats,1', 'period,repeatsRecognisedByMerge,1', 'period,referrals,2']),
    );

    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
      restore: second.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    expect(await repeatRate()).toMatchObject({ referrals: 2, repeats: 0, repeatsRecognisedByMerge: 0 });
    expect(await repeatRateCsv()).toContain('period,repeatsRecognisedByMerge,0');
  });
});
