import { apiForSuite } from './support/api-suite';
import { reviewEveryMatchModelFile } from './support/review-every-match';
import type { MatchReview } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The review queue is read a page at a time, and reviewers decide while others page through it:
 * the cursor must not lose or repeat a proposal when one on a page already read is decided.
 * Five referrals of one synthetic man under a model that sends every match to review.
 */
interface Page {
  items: MatchReview[];
  total: number;
  next?: number;
}

describe('paging the match review queue', () => {
  const { client, tokens } = apiForSuite(
    { all: COORDINATOR_ALL_PANELS },
    { MATCHING_MODEL_FILE: reviewEveryMatchModelFile() },
  );
  const page = async (query: string): Promise<Page> =>
    (await client.get(`/v1/people/match-reviews${query}`, tokens.all).expect(200)).body as Page;

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await client.refer(tokens.all, iomReferral({}, { person: hollingsworth() }));
  });

  it('walks every page once while a review on the first page is decided between pages', async () => {
    const whole = await page('?limit=500');
    expect(whole.items.length).toBeGreaterThanOrEqual(7);
    expect(whole.next).toBeUndefined();

    const first = await page('?limit=2');
    expect(first.items.map((r) => r.id)).toEqual(whole.items.slice(0, 2).map((r) => r.id));
    const decided = first.items[0] as MatchReview;
    const rejected = await client.post(`/v1/people/match-reviews/${decided.id}/reject`, tokens.all, {
      reason: 'Different men: probation checked both PNC records',
    });
    expect(rejected.status).toBe(200);

    const seen = [...first.items.map((r) => r.id)];
    let next = first.next;
    let pages = 1;
    while (next !== undefined) {
      const got = await page(`?limit=2&after=${next}`);
      expect(got.total).toBe(whole.total - 1);
      seen.push(...got.items.map((r) => r.id));
      next = got.next;
      pages += 1;
    }
    expect(seen).toEqual(whole.items.map((r) => r.id));
    expect(pages).toBe(Math.ceil(whole.items.length / 2));
  });

  it('gives no next on the last page, and an empty page after it', async () => {
    const whole = await page('?limit=500');
    const last = await page(`?limit=500&after=0`);
    expect(last).toEqual(whole);
    const tail = await page(`?limit=1&after=${Number.MAX_SAFE_INTEGER}`);
    expect(tail).toEqual({ items: [], total: whole.total });
  });

  it('takes a whole number for after and refuses anything else, naming it', async () => {
    await client.get('/v1/people/match-reviews?after=0', tokens.all).expect(200);
    for (const after of ['abc', '-1', '1.5', '0x10', '', '9007199254740992']) {
      const refused = await client.get(`/v1/people/match-reviews?after=${after}`, tokens.all);
      expect({
        after,
        status: refused.status,
        fields: [...new Set(refused.body.errors?.map((e: { field: string }) => e.field))],
      }).toEqual({ after, status: 400, fields: ['after'] });
    }
  });
});
