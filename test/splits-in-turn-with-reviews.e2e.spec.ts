import { apiForSuite } from './support/api-suite';
import {
  confirmBody,
  lastWritten,
  outcomes,
  pncsOf,
  restoreBody,
  scoredRecordSplitOff,
  secondPncTwoWays,
  twoPncsSplitOff,
} from './support/split-races';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/** A race is only lost some of the time: each is run this often, on people of its own. */
const ROUNDS = [1, 2, 3];

/**
 * A split (a restore included) and a review decision about the same people, or two restores onto
 * one person, sent at the same moment to one API. Each alone is sound; decided on the same facts,
 * the two made one person of two PNC IDs, or merged two people on a record one of them no longer
 * held. Taken one after the other, the second is refused. Synthetic people only.
 */
describe('splits and review decisions about the same people, sent at the same moment', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const confirm = (reviewId: string) =>
    client.post(`/v1/people/match-reviews/${reviewId}/confirm`, tokens.all, confirmBody);
  const restore = (personId: string, splitOff: string) =>
    client.post(`/v1/people/${personId}/split`, tokens.all, { ...restoreBody, restore: splitOff });

  it.each(ROUNDS)(
    'round %i: a confirmation and a restore each bringing a second PNC ID onto one person: one is 409 identifier-conflict',
    async (round) => {
      const { a, b, reviewId, splitOff } = await secondPncTwoWays(client, tokens.all, round);

      const answers = await Promise.all([confirm(reviewId), restore(b, splitOff)]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      for (const id of [a, b])
        expect(await pncsOf(api.app.getHttpServer(), tokens.all, id, lastWritten(answers))).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: two restores each bringing a different PNC ID back onto one person: one is 409 identifier-conflict',
    async (round) => {
      const { b, splitOff } = await twoPncsSplitOff(client, tokens.all, round);

      const answers = await Promise.all([restore(b, splitOff[0]), restore(b, splitOff[1])]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      expect(await pncsOf(api.app.getHttpServer(), tokens.all, b, lastWritten(answers))).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: a confirmation beside the split that moves the record it was scored on never merges on the moved record',
    async (round) => {
      const { personId, reviewId, split } = await scoredRecordSplitOff(client, tokens.all, round);

      const [splitAnswer, confirmAnswer] = await Promise.all([
        client.post(`/v1/people/${personId}/split`, tokens.all, split),
        confirm(reviewId),
      ]);

      expect(splitAnswer.status).toBe(200);
      // Confirmed only if recorded before the split moved the record: then she still held it.
      if (confirmAnswer.status === 200)
        expect(confirmAnswer.body.position as number).toBeLessThan(splitAnswer.body.position as number);
      else expect(confirmAnswer.body).toMatchObject({ rule: 'proposal-evidence-moved' });
    },
  );
});
