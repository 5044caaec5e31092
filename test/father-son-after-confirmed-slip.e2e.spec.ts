import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson, matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A father's file holds a record of his with the birth year mistyped as his son's, rightly
 * confirmed by a reviewer. The son, same name and home, is not his father however exactly he
 * agrees with that record: his IOM referral opens his own case, not a 409 naming his father's,
 * and a reviewer sees the pair. Synthetic people only.
 */
describe('a same-name son after his father file took a confirmed birth-year slip', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  it('gets his own IOM case and is put to a reviewer', async () => {
    const who = (dateOfBirth: string) =>
      person({
        forenames: 'Dominic',
        surname: 'Penhallow',
        sex: 'male',
        dateOfBirth,
        postcode: 'TR1 2AB',
        address: '9 Quay Street',
        identifiers: undefined,
      });
    const father = await client.refer(tokens.all, iomReferral({}, { person: who('1967-05-12') }));
    const slip = await client.refer(tokens.all, maracReferral({ person: who('1997-05-12') }));
    await confirmedAsOnePerson(
      client,
      tokens.all,
      father.personId,
      slip.personId,
      'Father: birth year mistyped on the MARAC referral',
    );

    const son = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { person: who('1997-05-12'), referredAt: '2024-07-01T09:00:00Z' }),
    );

    expect({ status: son.status, rule: son.body.rule }).toEqual({ status: 201, rule: undefined });
    expect(son.body.personId).not.toBe(father.personId);
    expect(son.body.caseId).not.toBe(father.caseId);
    expect(reviewOfPair(await matchReviewQueue(client, tokens.all), father.personId, son.body.personId)).toMatchObject({
      guards: ['different-generation'],
    });
  });
});
