import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A referral that matches two people equally well is not given to either by the order they were
 * indexed in: it is registered as someone new and put to a reviewer beside each of them. Here the
 * two are namesakes a reviewer split apart. Synthetic people only.
 */
describe('a referral matching two people a reviewer split apart', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const victim = (extra: Record<string, unknown>, referredAt: string) =>
    client.refer(
      tokens.all,
      maracReferral(
        {
          person: person({
            forenames: 'Morwenna',
            surname: 'Chenoweth',
            dateOfBirth: '1979-08-08',
            postcode: 'TR1 1XX',
            identifiers: undefined,
            ...extra,
          }),
          referredAt,
        },
        { perpetrator: undefined },
      ),
    );

  it('is registered as someone new and proposed against each of them, not linked to one', async () => {
    const first = await victim({ identifiers: { nhsNumber: '9990000018' } }, '2024-01-10T09:00:00Z');
    const namesake = await victim({}, '2024-02-10T09:00:00Z');
    expect(namesake.personId).toBe(first.personId);
    const view = (await client.get(`/v1/people/${first.personId}`, tokens.all).expect(200)).body;
    const record = (view.records as { recordId: string; caseId?: string }[]).find((r) => r.caseId === namesake.caseId);
    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.all, {
      reason: 'two women of one name and birthday',
      recordIds: [record?.recordId],
      caseIds: [namesake.caseId],
    });
    expect(split.status).toBe(200);
    const splitOff = split.body.intoPersonId as string;

    const again = await victim({}, '2024-03-10T09:00:00Z');

    expect([first.personId, splitOff]).not.toContain(again.personId);
    const queue = await matchReviewQueue(client, tokens.all);
    expect(reviewOfPair(queue, again.personId, first.personId)).toBeDefined();
    expect(reviewOfPair(queue, again.personId, splitOff)).toBeDefined();
    // The reviewer's split stands: the two women are not put back to a reviewer as one.
    expect(reviewOfPair(queue, first.personId, splitOff)).toBeUndefined();
  });
});
