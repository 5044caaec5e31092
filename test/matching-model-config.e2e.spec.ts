import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_MATCHING_MODEL, matchingModelFile } from '../libs/identity/src/config/configured-matching-model';
import { ConfigError } from '../libs/platform/src/config/app-config';
import { apiForSuite } from './support/api-suite';
import { reviewOfPair, matchReviewQueue } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral } from './support/referrals';
import { startTestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * An area that wants every match seen by a reviewer deploys the built-in parameters with a link
 * threshold no pair reaches. Synthetic people only.
 */
const dir = mkdtempSync(join(tmpdir(), 'matching-model-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const modelFile = (name: string, changes: Record<string, unknown>): string => {
  const file = join(dir, `${name}.json`);
  const model = { ...matchingModelFile({ ...BUILT_IN_MATCHING_MODEL, id: name, version: 1 }), ...changes };
  writeFileSync(file, JSON.stringify(model));
  return file;
};

/** The same man referred to IOM, then to MARAC with his surname mistyped. */
const referredTwice = async (suite: ReturnType<typeof apiForSuite<'all'>>) => {
  const { client, tokens } = suite;
  const refer = async (body: object) => {
    const response = await client.post('/v1/referrals', tokens.all, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.personId as string;
  };
  const first = await refer(iomReferral({}, { person: hollingsworth() }));
  const second = await refer(
    maracReferral({ person: hollingsworth({ surname: 'Hollingsworht' }) }, { perpetrator: undefined }),
  );
  return { first, second, reviews: await matchReviewQueue(client, tokens.all) };
};

describe('the built-in matching model', () => {
  const suite = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  it('links a second referral of the same man to the person already known', async () => {
    const { first, second, reviews } = await referredTwice(suite);
    expect(second).toBe(first);
    expect(reviews).toEqual([]);
  });
});

describe('a matching model from MATCHING_MODEL_FILE whose link threshold no pair reaches', () => {
  const suite = apiForSuite(
    { all: COORDINATOR_ALL_PANELS },
    { MATCHING_MODEL_FILE: modelFile('review-every-match', { linkThreshold: 1000 }) },
  );
  it('sends the same two referrals to a reviewer instead of linking them', async () => {
    const { first, second, reviews } = await referredTwice(suite);
    expect(second).not.toBe(first);
    expect(reviewOfPair(reviews, first, second)).toMatchObject({ score: expect.any(Number) });
  });
});

describe('a matching model that breaks a rule', () => {
  it('stops the API before it starts, naming the setting, the field and the rule', async () => {
    const file = modelFile('inverted', { reviewThreshold: 12 });
    // Closed again if it starts after all, so a failure here leaves no server running.
    const outcome: unknown = await startTestApi({ MATCHING_MODEL_FILE: file }).then(
      async (api) => api.close().then(() => 'started'),
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(ConfigError);
    expect((outcome as ConfigError).problems).toEqual([
      `MATCHING_MODEL_FILE (${file}): reviewThreshold (12) must not be above linkThreshold (8)`,
    ]);
  });
});
