import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A twin's file can hold a record that fits his brother as well: one written crosswise ("Ali
 * Hassan" for Hassan Ali) or giving only the first name they share ("Mohammed" for Mohammed
 * Imran). Such a record links to him, but it must not pull his twin into his file: the twin's
 * IOM referral opens the twin's own case, not a 409 naming his brother's.
 * Synthetic people only.
 */
describe('a twin whose file holds a crosswise or partial record', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const home = (forenames: string, surname: string) =>
    person({
      forenames,
      surname,
      sex: 'male',
      identifiers: undefined,
      dateOfBirth: '1999-05-21',
      postcode: 'TR1 3XY',
      address: '7 Kenwyn Street',
    });

  it.each([
    ['written crosswise', ['Hassan', 'Ali'], ['Ali', 'Hassan'], ['Hussain', 'Ali']],
    [
      'giving only the shared first name',
      ['Mohammed Imran', 'Rahman'],
      ['Mohammed', 'Rahman'],
      ['Mohammed Asif', 'Rahman'],
    ],
  ])('a record %s does not take in the twin: his IOM referral is 201', async (_, [f1, s1], [f2, s2], [f3, s3]) => {
    const brother = await client.refer(tokens.all, iomReferral({}, { person: home(f1!, s1!) }));
    const partial = await client.refer(
      tokens.all,
      maracReferral({ person: home(f2!, s2!) }, { perpetrator: undefined }),
    );
    expect(partial.personId).toBe(brother.personId);

    const twin = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { person: home(f3!, s3!), referredAt: '2024-07-01T09:00:00Z' }),
    );
    expect({ status: twin.status, rule: twin.body.rule }).toEqual({ status: 201, rule: undefined });
    expect(twin.body.personId).not.toBe(brother.personId);
  });
});
