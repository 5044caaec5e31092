import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_MATCHING_MODEL, matchingModelFile } from '../libs/identity/src/config/configured-matching-model';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { ConfigError } from '../libs/platform/src/config/app-config';
import { apiForSuite } from './support/api-suite';
import { reviewOfPair, matchReviewQueue } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral } from './support/referrals';
import { startTestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

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

type Suite = ReturnType<typeof apiForSuite<'all' | 'auditor'>>;
const USERS = { all: COORDINATOR_ALL_PANELS, auditor: AUDITOR };

/** The same man referred to IOM, then to MARAC with his surname mistyped. */
const referredTwice = async (suite: Suite) => {
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

type MatchingEvent = { type: string; data: { model?: unknown } };
const modelsOf = (events: readonly MatchingEvent[]) =>
  events
    .filter((event) => event.type === 'person-record-linked' || event.type === 'match-proposed')
    .map((event) => ({ type: event.type, model: event.data.model }));

/** The model each link of the person names, as an auditor's subject access report shows it. */
const modelsInReport = async ({ client, tokens }: Suite, personId: string) => {
  const report = await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor).expect(200);
  return modelsOf(report.body.person.events as MatchingEvent[]);
};

/**
 * The model each link and proposal in the log names. The report withholds a proposal's fields
 * (it names someone else) until reviewed, so proposals are read from the log itself.
 */
const modelsInLog = async ({ api }: Suite) =>
  modelsOf((await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({})) as MatchingEvent[]);

describe('the built-in matching model', () => {
  const suite = apiForSuite(USERS);
  it('links a second referral of the same man to the person already known, naming the built-in model', async () => {
    const { first, second, reviews } = await referredTwice(suite);
    expect(second).toBe(first);
    expect(reviews).toEqual([]);
    expect(await modelsInReport(suite, first)).toEqual([
      { type: 'person-record-linked', model: { id: 'uk-synthetic-referrals', version: 1 } },
    ]);
  });
});

describe('a matching model from MATCHING_MODEL_FILE whose link threshold no pair reaches', () => {
  const suite = apiForSuite(USERS, {
    MATCHING_MODEL_FILE: modelFile('review-every-match', { linkThreshold: 100, version: 4 }),
  });
  it('sends the same two referrals to a reviewer instead of linking them, naming the model that proposed them', async () => {
    const { first, second, reviews } = await referredTwice(suite);
    expect(second).not.toBe(first);
    expect(reviewOfPair(reviews, first, second)).toMatchObject({
      score: expect.any(Number),
      model: { id: 'review-every-match', version: 4 },
    });
    expect(await modelsInLog(suite)).toEqual([
      { type: 'match-proposed', model: { id: 'review-every-match', version: 4 } },
    ]);
  });
});

describe('a matching model from MATCHING_MODEL_FILE with the built-in parameters under its own name', () => {
  const suite = apiForSuite(USERS, { MATCHING_MODEL_FILE: modelFile('north-area', { version: 2 }) });
  it('links the same two referrals and names that model on the link', async () => {
    const { first, second } = await referredTwice(suite);
    expect(second).toBe(first);
    expect(await modelsInReport(suite, first)).toEqual([
      { type: 'person-record-linked', model: { id: 'north-area', version: 2 } },
    ]);
    const view = await suite.client.get(`/v1/people/${first}`, suite.tokens.all).expect(200);
    expect((view.body.records as { link?: object }[]).flatMap((record) => record.link ?? [])).toEqual([
      expect.objectContaining({ model: { id: 'north-area', version: 2 } }),
    ]);
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
