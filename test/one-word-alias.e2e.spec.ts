import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A one-word alias (review s15-match, finding 9): street names are the usual police alias, and a
 * referrer had either to leave them out or invent a surname (400 "must be a full name"). One word
 * is now a name the person is known by, matched with the recorded surname. Synthetic people.
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
