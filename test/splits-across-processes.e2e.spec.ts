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
import { twoApiProcesses, type ApiProcess } from './support/two-api-processes';

jest.setTimeout(120_000);

const ROUNDS = [1, 2, 3];

/**
 * The races of `splits-in-turn-with-reviews`, with each of the two requests sent to its own API
 * process: the same data dir and REDIS_URL, as API processes on one host share them. Only the
 * Redis lease orders one process's splits and decisions against the other's. Synthetic people only.
 */
describe('splits and review decisions about the same people, sent at the same moment to two API processes', () => {
  const processes = twoApiProcesses();

  const confirmOn = ({ client }: ApiProcess, reviewId: string) =>
    client.post(`/v1/people/match-reviews/${reviewId}/confirm`, processes().token, confirmBody);
  const restoreOn = ({ client }: ApiProcess, personId: string, splitOff: string) =>
    client.post(`/v1/people/${personId}/split`, processes().token, { ...restoreBody, restore: splitOff });
  const pncsOn = (personId: string, answers: Parameters<typeof lastWritten>[0]) =>
    pncsOf(processes().two.app.getHttpServer(), processes().token, personId, lastWritten(answers));

  it.each(ROUNDS)(
    'round %i: a confirmation on one and a restore on the other, each bringing a second PNC ID: one is 409 identifier-conflict',
    async (round) => {
      const { one, two, token } = processes();
      const { a, b, reviewId, splitOff } = await secondPncTwoWays(one.client, token, round);

      const answers = await Promise.all([confirmOn(one, reviewId), restoreOn(two, b, splitOff)]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      for (const id of [a, b]) expect(await pncsOn(id, answers)).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: a restore on each, each bringing a different PNC ID back onto one person: one is 409 identifier-conflict',
    async (round) => {
      const { one, two, token } = processes();
      const { b, splitOff } = await twoPncsSplitOff(one.client, token, round);

      const answers = await Promise.all([restoreOn(one, b, splitOff[0]), restoreOn(two, b, splitOff[1])]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      expect(await pncsOn(b, answers)).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: a confirmation on one beside the split on the other that moves its scored record never merges on it',
    async (round) => {
      const { one, two, token } = processes();
      const { personId, reviewId, split } = await scoredRecordSplitOff(one.client, token, round);

      const [splitAnswer, confirmAnswer] = await Promise.all([
        two.client.post(`/v1/people/${personId}/split`, token, split),
        confirmOn(one, reviewId),
      ]);

      expect(splitAnswer.status).toBe(200);
      if (confirmAnswer.status === 200)
        expect(confirmAnswer.body.position as number).toBeLessThan(splitAnswer.body.position as number);
      else expect(confirmAnswer.body).toMatchObject({ rule: 'proposal-evidence-moved' });
    },
  );
});
