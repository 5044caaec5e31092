import { apiForSuite } from './support/api-suite';
import { reviewEveryMatchModelFile } from './support/review-every-match';
import { matchReviewQueue, queuedReviewOf } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Three referrals of one man under an area model that sends every match to a reviewer: the third
 * is proposed against each of the first two. Once a reviewer merges the first two, both of the
 * third's proposals ask the same question about the same two people, and the queue must ask it
 * once. Synthetic people only.
 */
describe('two open proposals that a merge has made the same pair', () => {
  const { client, tokens } = apiForSuite(
    { all: COORDINATOR_ALL_PANELS },
    { MATCHING_MODEL_FILE: reviewEveryMatchModelFile() },
  );
  const refer = async (): Promise<string> => {
    const response = await client.post('/v1/referrals', tokens.all, iomReferral({}, { person: hollingsworth() }));
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.personId as string;
  };
  const decide = (id: string, decision: 'confirm' | 'reject') =>
    client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason: 'Checked with probation' });
  const detail = async (id: string) =>
    (await client.get(`/v1/people/match-reviews/${id}`, tokens.all).expect(200)).body as Record<string, unknown>;

  it('queues the pair once, says why the other proposal is not queued, and settles both with one decision', async () => {
    const first = await refer();
    const second = await refer();
    const third = await refer();
    expect(new Set([first, second, third]).size).toBe(3);
    const withFirst = await queuedReviewOf(client, tokens.all, third, first);
    const withSecond = await queuedReviewOf(client, tokens.all, third, second);

    const merged = await queuedReviewOf(client, tokens.all, first, second);
    expect((await decide(merged.id, 'confirm')).status).toBe(200);

    const queue = await matchReviewQueue(client, tokens.all);
    expect(queue.map((review) => [...review.personIds].sort())).toEqual([[first, third].sort()]);
    expect(queue[0]?.id).toBe(withFirst.id);
    const total = (await client.get('/v1/people/match-reviews', tokens.all).expect(200)).body.total as number;
    expect(total).toBe(1);
    expect(await detail(withSecond.id)).toMatchObject({
      status: 'open',
      notInQueue: { rule: 'same-pair-in-queue', reviewId: withFirst.id },
    });

    // Rejecting the one in the queue keeps the two apart, and the other asks nothing more.
    expect((await decide(withFirst.id, 'reject')).status).toBe(200);
    expect(await matchReviewQueue(client, tokens.all)).toEqual([]);
    expect(await detail(withSecond.id)).toMatchObject({
      status: 'open',
      notInQueue: { rule: 'match-rejected-before' },
    });
  });
});
