import { apiForSuite } from './support/api-suite';
import { queuedReviewOf } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

interface TrailItem {
  action: string;
  personIds: string[];
  parameters?: Record<string, unknown>;
  pathParameters?: Record<string, string>;
}

/**
 * An auditor answering "who looked at this person?" must find every view of a match review under
 * each of its two people, and see which review it was. Synthetic people only.
 */
describe('views of match reviews in the audit trail', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, auditor: AUDITOR });
  let pair: [string, string];
  let reviewId: string;

  beforeAll(async () => {
    const { coordinator } = tokens;
    const referred = async (dateOfBirth: string, postcode: string) => {
      const person = hollingsworth({ surname: 'Tregarthen', dateOfBirth, postcode });
      const response = await client.post('/v1/referrals', coordinator, iomReferral({}, { person }));
      expect(response.status).toBe(201);
      return (response.body as { personId: string }).personId;
    };
    // One date-of-birth digit apart at two addresses: in the review band, not linked.
    const a = await referred('1983-02-12', 'W3 7QS');
    const b = await referred('1983-02-13', 'SE15 4QF');
    const review = await queuedReviewOf(client, coordinator, a, b, null);
    pair = review.personIds;
    reviewId = review.id;
    await client.get(`/v1/people/match-reviews/${reviewId}`, coordinator, null).expect(200);
  });

  const searchesOf = async (personId: string): Promise<TrailItem[]> =>
    (await client.get(`/v1/audit/trail?personId=${personId}&action=search`, tokens.auditor, null).expect(200)).body
      .items as TrailItem[];

  it('lists the queue and the review view under each of the two people, naming the review', async () => {
    for (const personId of pair) {
      expect(await searchesOf(personId)).toEqual([
        expect.objectContaining({
          subject: 'match-reviews',
          personIds: expect.arrayContaining(pair),
          parameters: { limit: '500' },
        }),
        expect.objectContaining({ subject: 'match-review', personIds: pair, pathParameters: { id: reviewId } }),
      ]);
    }
  });

  it("puts the review view in each person's subject access report", async () => {
    for (const personId of pair) {
      const report = await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200);
      expect(report.body.reads).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'search', pathParameters: { id: reviewId } })]),
      );
    }
  });
});
