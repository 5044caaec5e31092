import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A one-word alias (review s15-match, finding 9): street names are the usual police alias, and a
 * referrer had either to leave them out or invent a surname (400 "must be a full name"). One word
 * is now a name the person is known by. In domestic-abuse work one word is as often a maiden or
 * former surname (review s15-diff-cohort F2), so it is read both ways: as a forename with the
 * recorded surname and as a surname with the recorded forenames. Synthetic people.
 */
describe('a one-word alias', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const dean = (overrides: Record<string, unknown>) =>
    person({
      forenames: 'Dean',
      surname: 'Trevaskis',
      dateOfBirth: '1994-10-03',
      sex: 'male',
      postcode: 'N15 4QW',
      address: '7 Synthetic Grove',
      identifiers: undefined,
      ...overrides,
    });

  it('is recorded as a name he is known by, and a later referral under it with his surname finds him', async () => {
    const iom = await client.refer(tokens.all, iomReferral({}, { person: dean({ aliases: ['Tiny', 'DJ Pascoe'] }) }));
    const view = await client.personView<{ knownNames: unknown[] }>(tokens.all, iom.personId);
    expect(view.knownNames).toEqual(
      expect.arrayContaining([
        { forenames: 'Tiny', surname: '' },
        { forenames: 'DJ', surname: 'Pascoe' },
      ]),
    );

    const marac = await client.refer(
      tokens.all,
      maracReferral({ person: dean({ forenames: 'Tiny' }) }, { perpetrator: undefined }),
    );
    expect(marac.personId).toBe(iom.personId);
  });

  it('read as a surname too: a later referral under her maiden name goes to review with her, not to a new person alone', async () => {
    const sarah = (overrides: Record<string, unknown>) =>
      person({
        forenames: 'Sarah',
        surname: 'Ahmed',
        dateOfBirth: '1985-03-02',
        sex: 'female',
        postcode: 'BD3 9QQ',
        address: '14 Synthetic Terrace',
        identifiers: undefined,
        ...overrides,
      });
    const first = await client.refer(
      tokens.all,
      maracReferral({ person: sarah({ aliases: ['Jones'] }) }, { perpetrator: undefined }),
    );
    const later = await client.refer(
      tokens.all,
      maracReferral(
        { person: sarah({ surname: 'Jones', postcode: 'LS8 2AB', address: '3 Synthetic Walk' }) },
        { perpetrator: undefined },
      ),
    );
    expect(later.personId).not.toBe(first.personId);
    expect(reviewOfPair(await matchReviewQueue(client, tokens.all), first.personId, later.personId)).toMatchObject({
      levels: expect.objectContaining({ surname: 'alias' }),
    });
  });

  it.each([
    ['blank', '  ', 'person.aliases[0]', 'required'],
    ['over 200 characters', 'T'.repeat(201), 'person.aliases', 'maxLength'],
  ])('is still refused when %s, with 400 naming it', async (_, alias, field, rule) => {
    const refused = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { person: dean({ surname: 'Penhaligon', aliases: [alias] }) }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field, rule })]);
  });
});
