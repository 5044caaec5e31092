import { apiForSuite } from './support/api-suite';
import { queuedReviewOf } from './support/match-reviews';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A forename variant inside a household (Kristina / Kristine) is held for a reviewer as possible
 * twins. Once the reviewer confirms it is one woman, both spellings are hers: a later referral
 * under her own name is linked to her, so her open IOM case still refuses a second one.
 * Synthetic people only.
 */
describe('a household forename variant a reviewer merged', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const kristina = (forenames: string) =>
    person({
      forenames,
      surname: 'Penhaligon',
      sex: 'female',
      identifiers: undefined,
      dateOfBirth: '1994-02-14',
      postcode: 'TR1 3XY',
      address: '12 Kenwyn Street',
    });

  it('links her next referral to her: a second IOM referral is 409 one-open-case-per-person', async () => {
    const iom = await client.refer(tokens.all, iomReferral({}, { person: kristina('Kristina') }));
    const marac = await client.refer(
      tokens.all,
      maracReferral({ person: kristina('Kristine') }, { perpetrator: undefined }),
    );
    expect(marac.personId).not.toBe(iom.personId);
    const proposed = await queuedReviewOf(client, tokens.all, iom.personId, marac.personId);
    const confirmed = await client.post(`/v1/people/match-reviews/${proposed.id}/confirm`, tokens.all, {
      reason: 'one woman, a typo',
    });
    expect(confirmed.status).toBe(200);

    const again = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { person: kristina('Kristina'), referredAt: '2024-07-01T09:00:00Z' }),
    );
    expect({ status: again.status, rule: again.body.rule }).toMatchObject({
      status: 409,
      rule: 'one-open-case-per-person',
    });
  });
});
