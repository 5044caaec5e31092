import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * What a referrer types when a value is not known names nobody. Two men of no fixed abode who
 * share a common name are two people, each with his own IOM case (not a 409 naming the other's);
 * and an NHS number made of one digit repeated passes modulus 11 but is refused, since twins
 * given it would be taken for one person. Synthetic people only.
 */
describe('placeholder postcodes and identifiers at referral', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  it('two Daniel Wrights born years apart, both with postcode NFA, each get their own IOM case', async () => {
    const danielWright = (dateOfBirth: string) =>
      person({
        forenames: 'Daniel',
        surname: 'Wright',
        sex: 'male',
        dateOfBirth,
        postcode: 'NFA',
        identifiers: undefined,
      });
    const first = await client.refer(tokens.all, iomReferral({}, { person: danielWright('1985-04-02') }));
    const second = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { referredAt: '2024-04-01T10:00:00Z', person: danielWright('1988-09-17') }),
    );
    expect({ status: second.status, rule: second.body.rule }).toEqual({ status: 201, rule: undefined });
    expect(second.body.personId).not.toBe(first.personId);
    expect(second.body.caseId).not.toBe(first.caseId);

    // The person view shows what was referred; only the matcher reads "NFA" as no postcode.
    const seen = await client.get(`/v1/people/${second.body.personId}`, tokens.all).expect(200);
    expect(seen.body.golden.postcode).toBe('NFA');
  });

  it.each(['0000000000', '000 000 0000', '9999999999'])(
    'twins both given NHS number %p: each referral is 400 naming the field, rule placeholder-identifier',
    async (nhsNumber) => {
      const twin = (forenames: string) =>
        person({
          forenames,
          surname: 'Haddad',
          dateOfBirth: '1996-08-08',
          address: '5 Sefton Road',
          identifiers: { nhsNumber },
        });
      for (const forenames of ['Amira', 'Samira']) {
        const refused = await client.post('/v1/referrals', tokens.all, maracReferral({ person: twin(forenames) }));
        expect({ status: refused.status, errors: refused.body.errors }).toEqual({
          status: 400,
          errors: [expect.objectContaining({ field: 'person.identifiers.nhsNumber', rule: 'placeholder-identifier' })],
        });
      }
    },
  );
});
