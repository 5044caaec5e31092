import request from 'supertest';
import { queuedReviewOf } from './support/match-reviews';
import { hollingsworth, syntheticPnc, type PeopleClient } from './support/people';
import { iomReferral } from './support/referrals';
import { reviewEveryMatchModelFile } from './support/review-every-match';
import { twoApiProcesses } from './support/two-api-processes';

jest.setTimeout(120_000);

/** Rounds of fresh people: far apart in name, birth and place, so no round's people match another's. */
const ROUNDS = [
  { surname: 'Polglase', dateOfBirth: '1981-02-03', postcode: 'E8 3QT' },
  { surname: 'Trevithick', dateOfBirth: '1975-11-21', postcode: 'N16 7AB' },
  { surname: 'Nankivell', dateOfBirth: '1990-06-09', postcode: 'SE15 4LX' },
  { surname: 'Quiller', dateOfBirth: '1968-09-30', postcode: 'W12 8PF' },
  { surname: 'Angwin', dateOfBirth: '1996-01-17', postcode: 'E17 6HR' },
];

/**
 * Two reviewers on two API processes confirm A~B and B~C at the same moment, where A and C hold
 * different PNC IDs: each confirmation alone is sound, together they would make one person of two
 * PNC IDs. Each process takes its own decisions one at a time; only the Redis lease orders the two
 * processes' decisions. Synthetic people only.
 */
describe('confirmations of two pairs sharing a person, sent at the same moment to two API processes', () => {
  const modelFile = reviewEveryMatchModelFile();
  const processes = twoApiProcesses(() => ({ MATCHING_MODEL_FILE: modelFile }));

  const refer = async (round: (typeof ROUNDS)[number], identifiers: Record<string, string>): Promise<string> => {
    const body = iomReferral({}, { person: hollingsworth({ ...round, identifiers }) });
    const { one, token } = processes();
    const response = await one.client.post('/v1/referrals', token, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.personId as string;
  };
  const confirmOn = (client: PeopleClient, reviewId: string) =>
    client.post(`/v1/people/match-reviews/${reviewId}/confirm`, processes().token, {
      reason: 'Same man per probation',
    });

  it.each(ROUNDS.map((round, i) => [i + 1, round] as const))(
    'round %i: one pair merges, the other is 409 identifier-conflict, never one person with two PNC IDs',
    async (i, round) => {
      const { one, two, token } = processes();
      const a = await refer(round, { pnc: syntheticPnc(9400 + 2 * i) });
      const b = await refer(round, {});
      const c = await refer(round, { pnc: syntheticPnc(9401 + 2 * i) });
      const ab = await queuedReviewOf(one.client, token, a, b);
      const bc = await queuedReviewOf(one.client, token, b, c);

      const answers = await Promise.all([confirmOn(one.client, ab.id), confirmOn(two.client, bc.id)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body).toMatchObject({ rule: 'identifier-conflict' });

      const recorded = Math.max(...answers.map((answer) => Number(answer.body.position ?? 0)));
      const view = await request(two.app.getHttpServer())
        .get(`/v1/people/${b}`)
        .set({ Authorization: `Bearer ${token}`, 'X-Min-Position': String(recorded), 'X-Purpose': 'case review' })
        .expect(200);
      expect((view.body as { identifiers?: { pnc?: unknown[] } }).identifiers?.pnc).toHaveLength(1);
    },
  );

  it('answers 503 review-decisions-unavailable with Retry-After when Redis is down, and records nothing', async () => {
    const { one, two, token, redis } = processes();
    const round = { surname: 'Penhaligon', dateOfBirth: '1984-04-12', postcode: 'N1 9GU' };
    const a = await refer(round, { pnc: syntheticPnc(9480) });
    const b = await refer(round, {});
    const ab = await queuedReviewOf(one.client, token, a, b);
    await redis.stop();

    const refused = await confirmOn(two.client, ab.id);
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 503,
      rule: 'review-decisions-unavailable',
    });
    expect(refused.headers['retry-after']).toBe('1');
    const review = await one.client.get(`/v1/people/match-reviews/${ab.id}`, token).expect(200);
    expect(review.body.status).toBe('open');
  });
});
