import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { peopleClient, type PeopleClient } from './support/people';
import { startRedisServer, type TestRedis } from './support/redis-server';
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
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

jest.setTimeout(120_000);

interface ApiProcess {
  readonly app: NestExpressApplication;
  readonly client: PeopleClient;
}

const ROUNDS = [1, 2, 3];

/**
 * The races of `splits-in-turn-with-reviews`, with each of the two requests sent to its own API
 * process: the same data dir and REDIS_URL, as API processes on one host share them. Only the
 * Redis lease orders one process's splits and decisions against the other's. Synthetic people only.
 */
describe('splits and review decisions about the same people, sent at the same moment to two API processes', () => {
  const dataDir = newDataDir();
  let redis: TestRedis;
  let one: ApiProcess;
  let two: ApiProcess;
  let token: string;

  const started = async (): Promise<ApiProcess> => {
    const app = await startApiWithTestKinds(dataDir, { REDIS_URL: redis.url });
    return { app, client: peopleClient({ app, dataDir, close: () => app.close() }) };
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    one = await started();
    two = await started();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await one?.app.close();
    await two?.app.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const confirmOn = ({ client }: ApiProcess, reviewId: string) =>
    client.post(`/v1/people/match-reviews/${reviewId}/confirm`, token, confirmBody);
  const restoreOn = ({ client }: ApiProcess, personId: string, splitOff: string) =>
    client.post(`/v1/people/${personId}/split`, token, { ...restoreBody, restore: splitOff });
  const pncsOn = (personId: string, answers: Parameters<typeof lastWritten>[0]) =>
    pncsOf(two.app.getHttpServer(), token, personId, lastWritten(answers));

  it.each(ROUNDS)(
    'round %i: a confirmation on one and a restore on the other, each bringing a second PNC ID: one is 409 identifier-conflict',
    async (round) => {
      const { a, b, reviewId, splitOff } = await secondPncTwoWays(one.client, token, round);

      const answers = await Promise.all([confirmOn(one, reviewId), restoreOn(two, b, splitOff)]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      for (const id of [a, b]) expect(await pncsOn(id, answers)).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: a restore on each, each bringing a different PNC ID back onto one person: one is 409 identifier-conflict',
    async (round) => {
      const { b, splitOff } = await twoPncsSplitOff(one.client, token, round);

      const answers = await Promise.all([restoreOn(one, b, splitOff[0]), restoreOn(two, b, splitOff[1])]);

      expect(outcomes(answers)).toEqual(['200', '409 identifier-conflict']);
      expect(await pncsOn(b, answers)).toHaveLength(1);
    },
  );

  it.each(ROUNDS)(
    'round %i: a confirmation on one beside the split on the other that moves its scored record never merges on it',
    async (round) => {
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
