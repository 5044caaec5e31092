import { apiForSuite } from './support/api-suite';
import { rejectedByIom } from './support/iom-cases';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A referral that joins one person automatically but also resembles another puts the two people
 * in the review queue: they may be one person recorded twice. Synthetic people only.
 */
describe('a match review beside an automatic link', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const refer = async (dateOfBirth: string, postcode: string) => {
    const person = hollingsworth({ forenames: 'Adaeze', surname: 'Fairweather', dateOfBirth, postcode, sex: 'female' });
    const response = await client.post('/v1/referrals', tokens.all, iomReferral({}, { person }));
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { personId: string; caseId: string };
  };

  it('shows the person the referral joined and the one it resembles as a pair to review', async () => {
    const tottenham = await refer('1991-03-08', 'N15 5BT');
    const leeds = await refer('1991-08-13', 'LS6 2QA');
    expect(
      reviewOfPair(await matchReviewQueue(client, tokens.all), tottenham.personId, leeds.personId),
    ).toBeUndefined();

    // She has one open IOM case: the panel rejected it before she was referred again.
    await rejectedByIom(client, tokens.all, tottenham.caseId);
    const nextDoor = await refer('1991-03-08', 'LS6 2QB');

    expect(nextDoor.personId).toBe(tottenham.personId);
    const review = reviewOfPair(await matchReviewQueue(client, tokens.all), tottenham.personId, leeds.personId);
    expect(review).toMatchObject({ personIds: [leeds.personId, tottenham.personId], guards: [] });
  });
});
