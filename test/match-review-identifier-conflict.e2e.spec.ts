import { apiForSuite } from './support/api-suite';
import { proposedReviewId, queuedReviewOf, reviewOfPair, type MatchReview } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral, maracReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Two people holding different PNC IDs are two people, so no reviewer can confirm a proposal about
 * them. The queue lists what a reviewer can confirm: such a proposal stays out of it and out of its
 * total, and its own page says why, judged on the people as they are now, as a confirmation is.
 * Synthetic people only: each test has its own surname, so no record links across tests.
 */
describe('a match review between people holding different values of one identifier', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const queue = async () =>
    (await client.get('/v1/people/match-reviews?limit=500', tokens.all).expect(200)).body as {
      items: MatchReview[];
      total: number;
    };
  const review = async (id: string) =>
    (await client.get(`/v1/people/match-reviews/${id}`, tokens.all).expect(200)).body as Record<string, unknown>;
  const decide = async (id: string, decision: 'confirm' | 'reject', reason: string) => {
    const answer = await client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason });
    return { status: answer.status, rule: answer.body.rule as string | undefined };
  };

  it('leaves a pair proposed with different PNC IDs out of the queue and its total, says why, and lets it be rejected', async () => {
    const before = await queue();
    const man = (dateOfBirth: string, postcode: string, serial: number) =>
      hollingsworth({ surname: 'Conflicta', dateOfBirth, postcode, identifiers: { pnc: syntheticPnc(serial) } });
    const a = await client.refer(tokens.all, iomReferral({}, { person: man('1979-03-22', 'W3 7QS', 9901) }));
    const b = await client.refer(
      tokens.all,
      maracReferral({ person: man('1979-03-23', 'N1 9GU', 9902) }, { perpetrator: undefined }),
    );
    expect(b.personId).not.toBe(a.personId);
    const id = await proposedReviewId(api, a.personId, b.personId);

    const after = await queue();
    expect(reviewOfPair(after.items, a.personId, b.personId)).toBeUndefined();
    expect({ total: after.total, listed: after.items.length }).toEqual({ total: before.total, listed: before.total });
    expect(await review(id)).toMatchObject({
      status: 'open',
      personIds: [a.personId, b.personId],
      guards: expect.arrayContaining(['identifier-conflict']),
      notInQueue: { rule: 'identifier-conflict', kinds: ['pnc'] },
    });
    expect(await decide(id, 'confirm', 'custody photo says same man')).toEqual({
      status: 409,
      rule: 'identifier-conflict',
    });
    // The reviewer can still record what the identifiers say.
    expect(await decide(id, 'reject', 'two men: different PNC IDs')).toEqual({ status: 200, rule: undefined });
    expect(await review(id)).toMatchObject({ status: 'rejected' });
  });

  it('takes a queued pair out once one of them gains another PNC ID, and puts it back when that record is split off', async () => {
    const details = { surname: 'Trelawney', dateOfBirth: '1981-11-04', postcode: 'N1 9GU' };
    const a = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: hollingsworth({
            ...details,
            dateOfBirth: '1981-11-05',
            postcode: 'W3 7QS',
            identifiers: { pnc: syntheticPnc(9903) },
          }),
        },
      ),
    );
    const b = await client.refer(
      tokens.all,
      maracReferral({ person: hollingsworth(details) }, { perpetrator: undefined }),
    );
    const queued = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
    const { total } = await queue();

    // A later MARAC referral of B's details, with a PNC ID other than A's, links to B.
    const later = await client.refer(
      tokens.all,
      maracReferral(
        {
          person: hollingsworth({ ...details, identifiers: { pnc: syntheticPnc(9904) } }),
          referredAt: '2024-06-02T09:00:00Z',
        },
        { perpetrator: undefined },
      ),
    );
    expect(later.personId).toBe(b.personId);

    const without = await queue();
    expect(reviewOfPair(without.items, a.personId, b.personId)).toBeUndefined();
    expect(without.total).toBe(total - 1);
    expect(await review(queued.id)).toMatchObject({
      status: 'open',
      notInQueue: { rule: 'identifier-conflict', kinds: ['pnc'] },
    });
    expect(await decide(queued.id, 'confirm', 'same man')).toEqual({ status: 409, rule: 'identifier-conflict' });

    // The later referral was his cousin: its record and case go to a person of their own.
    const view = (await client.get(`/v1/people/${b.personId}`, tokens.all).expect(200)).body as {
      records: { recordId: string; caseId?: string }[];
    };
    const split = await client.post(`/v1/people/${b.personId}/split`, tokens.all, {
      reason: 'the June referral was his cousin',
      recordIds: [view.records.find((r) => r.caseId === later.caseId)?.recordId],
      caseIds: [later.caseId],
    });
    expect(split.status).toBe(200);

    const back = await queue();
    expect(reviewOfPair(back.items, a.personId, b.personId)?.id).toBe(queued.id);
    expect(back.total).toBe(total);
    expect((await review(queued.id)).notInQueue).toBeUndefined();
    expect(await decide(queued.id, 'confirm', 'same man: date of birth mistyped')).toEqual({
      status: 200,
      rule: undefined,
    });
  });
});
