import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The MARAC repeat rule follows the person, not the record: once a coordinator confirms that two
 * records are the same victim, the referrals of both count; once the merge is undone, each counts
 * for its own person again. Synthetic victims only.
 */
describe('MARAC repeat detection across person merges and splits', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  /** The same victim as recorded twice: one digit of the date of birth differs and she has moved. */
  const recordedAs = (surname: string, dateOfBirth: string, postcode: string) =>
    person({ forenames: 'Morwenna', surname, dateOfBirth, postcode });
  const referred = (victim: Record<string, unknown>, referredAt: string, marac?: Record<string, unknown>) =>
    referredToMarac(client, tokens.coordinator, victim, referredAt, marac);
  const previousReferralOf = async (caseId: string): Promise<unknown> => {
    const history = await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator).expect(200);
    const made = (history.body.items as { type: string; data: { details: Record<string, unknown> } }[]).find(
      (e) => e.type === 'referral-made',
    );
    return made?.data.details.previousMaracReferralAt;
  };
  const confirmSamePerson = (olderId: string, newerId: string) =>
    confirmedAsOnePerson(client, tokens.coordinator, olderId, newerId);

  it('counts the merged-away record’s referrals once confirmed, and only each person’s own after a restoring split', async () => {
    const first = recordedAs('Penrose', '1986-10-07', 'N16 7UX');
    const second = recordedAs('Penrose', '1986-10-08', 'E5 0LL');
    const a = await referred(first, '2023-01-16T10:00:00Z');
    const b = await referred(second, '2023-04-17T10:00:00Z');
    // Not yet known to be her: a different person then, so not a repeat.
    expect(b.personId).not.toBe(a.personId);
    expect(b.repeat).toBe(false);

    await confirmSamePerson(a.personId, b.personId);
    // Her first record's date of birth at a third address: linked to her while the two are one, and
    // the first record's alone once they are two (the restore sorts it there: the matcher links it
    // to the first record, and only reviews it against the second).
    const third = await referred(recordedAs('Penrose', '1986-10-07', 'N1 9GU'), '2023-06-19T10:00:00Z');
    expect(third).toMatchObject({ personId: a.personId, repeat: true });
    // The latest of her two earlier referrals, which was made under the merged-away record.
    expect(await previousReferralOf(third.caseId)).toBe('2023-04-17T10:00:00Z');

    const split = await client.post(`/v1/people/${a.personId}/split`, tokens.coordinator, {
      restore: b.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    // Thirteen months after the second record's own referral, eleven after the first person's latest.
    const fourth = await referred(second, '2024-05-20T10:00:00Z');
    expect(fourth).toMatchObject({ personId: b.personId, repeat: false });
    expect(await previousReferralOf(fourth.caseId)).toBe('2023-04-17T10:00:00Z');
  });

  it('accepts a below-threshold repeat whose only earlier referral in the window was under the merged-away record', async () => {
    const first = recordedAs('Trevithick', '1992-02-13', 'N4 2DA');
    const second = recordedAs('Trevithick', '1992-02-14', 'SE4 1UY');
    const a = await referred(first, '2023-01-16T10:00:00Z');
    const b = await referred(second, '2023-11-20T10:00:00Z');
    expect(b).toMatchObject({ repeat: false });
    expect(b.personId).not.toBe(a.personId);
    await confirmSamePerson(a.personId, b.personId);

    // Fourteen months after the first record's referral, three after the second's: a repeat,
    // which must be heard although nothing else meets the MARAC criteria.
    const belowThreshold = { dashScore: 5, criteria: ['repeat'], policeCallouts12m: 1 };
    const third = await referred(
      recordedAs('Trevithick', '1992-02-13', 'SE4 1UY'),
      '2024-03-04T10:00:00Z',
      belowThreshold,
    );
    expect(third).toMatchObject({ personId: a.personId, repeat: true });
    expect(await previousReferralOf(third.caseId)).toBe('2023-11-20T10:00:00Z');
  });
});
