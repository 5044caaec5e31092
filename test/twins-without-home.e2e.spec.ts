import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Address and postcode are optional on a referral. A twin referred without them (or with only a
 * postcode one unit out) is not his brother however alike their names: his IOM referral opens his
 * own case, not a 409 naming his brother's, and a reviewer sees the pair.
 * Synthetic people only.
 */
describe('a twin referred without a home', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['no address or postcode', { surname: 'Ali', dateOfBirth: '2001-03-14', postcode: 'E1 2AB' }, undefined],
    ['only a postcode one unit out', { surname: 'Rahman', dateOfBirth: '1999-08-22', postcode: 'E1 6QL' }, 'E1 6QN'],
  ])('with %s gets his own IOM case and is put to a reviewer', async (_, family, twinsPostcode) => {
    const twin = (forenames: string, home: Record<string, unknown>) =>
      person({ forenames, sex: 'male', identifiers: undefined, ...family, ...home });
    const hassan = await client.refer(
      tokens.all,
      iomReferral({}, { person: twin('Hassan', { address: '4 Fieldgate Street' }) }),
    );

    const hussain = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral(
        {},
        {
          person: twin('Hussain', { postcode: twinsPostcode }),
          referredAt: '2024-07-01T09:00:00Z',
        },
      ),
    );

    expect({ status: hussain.status, rule: hussain.body.rule }).toEqual({ status: 201, rule: undefined });
    expect(hussain.body.personId).not.toBe(hassan.personId);
    expect(hussain.body.caseId).not.toBe(hassan.caseId);
    expect(
      reviewOfPair(await matchReviewQueue(client, tokens.all), hassan.personId, hussain.body.personId),
    ).toMatchObject({ guards: ['twins'] });
  });
});
