import { hollingsworth, peopleClient } from './support/people';
import { iomReferral } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

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
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let coordinator: string;
  let auditor: string;
  let pair: [string, string];
  let reviewId: string;

  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'] });
    const referred = async (dateOfBirth: string, postcode: string) => {
      const person = hollingsworth({ surname: 'Tregarthen', dateOfBirth, postcode });
      const response = await client.post('/v1/referrals', coordinator, iomReferral({}, { person }));
      expect(response.status).toBe(201);
      return (response.body as { personId: string }).personId;
    };
    // One date-of-birth digit apart at two addresses: in the review band, not linked.
    const a = await referred('1983-02-12', 'W3 7QS');
    const b = await referred('1983-02-13', 'SE15 4QF');
    const queue = await client.get('/v1/people/match-reviews?limit=500', coordinator, null).expect(200);
    const review = (queue.body.items as { id: string; personIds: string[] }[]).find(
      (r) => r.personIds.includes(a) && r.personIds.includes(b),
    );
    if (review === undefined) throw new Error('no review of the pair in the queue');
    pair = review.personIds as [string, string];
    reviewId = review.id;
    await client.get(`/v1/people/match-reviews/${reviewId}`, coordinator, null).expect(200);
  });
  afterAll(async () => {
    await api.close();
  });

  const searchesOf = async (personId: string): Promise<TrailItem[]> =>
    (await client.get(`/v1/audit/trail?personId=${personId}&action=search`, auditor, null).expect(200)).body
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
      const report = await client.get(`/v1/audit/subject-access/${personId}`, auditor, null).expect(200);
      expect(report.body.reads).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'search', pathParameters: { id: reviewId } })]),
      );
    }
  });
});
