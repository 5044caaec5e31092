import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Likely twins (same surname, date of birth and home, first forenames that are different names)
 * are never linked automatically: each gets their own person and case, and a reviewer sees the
 * pair. A shared middle name, similar-sounding first names or a shared first part (Mohammed Imran /
 * Mohammed Asif, Jack-Henry / Jack-Oscar) do not make them one person.
 * Synthetic people only.
 */
describe('likely twins are never auto-linked', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const referToIom = async (details: Record<string, unknown>) => {
    const response = await client.post(
      '/v1/referrals',
      tokens.all,
      iomReferral({}, { person: person({ sex: 'male', identifiers: undefined, ...details }) }),
    );
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { personId: string; caseId: string };
  };

  it.each([
    ['a shared middle name', 'Piran James', 'Petroc James', 'Jewell', '2001-03-09', 'TR1 2AB', '4 Lemon Street'],
    ['first names a letter apart', 'Tom', 'Tim', 'Vosper', '1999-07-21', 'TR2 4CD', '9 Kenwyn Hill'],
    [
      'one first name and different called names',
      'Mohammed Imran',
      'Mohammed Asif',
      'Hussain',
      '2002-11-05',
      'TR1 1EF',
      '3 Pydar Street',
    ],
    [
      'hyphenated first names sharing a part',
      'Jack-Henry',
      'Jack-Oscar',
      'Trewin',
      '2004-01-30',
      'TR3 6GH',
      '7 Malpas Road',
    ],
  ])(
    'twins with %s each get their own IOM case and are put to a reviewer',
    async (_, first, second, surname, dob, postcode, address) => {
      const household = { surname, dateOfBirth: dob, postcode, address };
      const one = await referToIom({ forenames: first, ...household });
      const other = await referToIom({ forenames: second, ...household });

      expect(other.personId).not.toBe(one.personId);
      expect(other.caseId).not.toBe(one.caseId);
      expect(reviewOfPair(await matchReviewQueue(client, tokens.all), one.personId, other.personId)).toMatchObject({
        guards: ['twins'],
      });
    },
  );
});
