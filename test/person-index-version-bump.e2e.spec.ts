import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PERSON_INDEX, personIndexProjection } from '../libs/identity/src/projections';
import { hollingsworth } from './support/people';
import { asPreviousRelease, releaseWithHeldRebuild, startRelease } from './support/previous-release';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

// Synthetic people only.
const victim = person({ forenames: 'Lowenna', surname: 'Chenoweth', dateOfBirth: '1989-08-21', postcode: 'E9 6QS' });
/** Two records one date-of-birth digit apart at two addresses: the matcher proposes them for review. */
const alike = [
  hollingsworth({ surname: 'Trevithick', dateOfBirth: '1984-03-12', postcode: 'W3 7QS' }),
  hollingsworth({ surname: 'Trevithick', dateOfBirth: '1984-03-13', postcode: 'SE15 4QF' }),
];

const CURRENT = personIndexProjection.version;
const PREVIOUS = CURRENT - 1;
const MARKED = `${PERSON_INDEX}=${PREVIOUS}; rebuilding=${CURRENT}`;

/**
 * A previous release's person index, answering while a release that bumps it rebuilds the new
 * version in the background (held part-way): built over a real log by the previous release, then
 * left as that release would leave it, without `lacking`.
 */
function whilePersonIndexRebuilt(lacking: readonly string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-person-bump-'));
  const { projections, release } = releaseWithHeldRebuild(personIndexProjection);
  const state = {
    app: undefined as NestExpressApplication | undefined,
    token: '',
    victimId: '',
    caseId: '',
    reviewId: '',
    /** The victim's person view before the bump, as the current version answered it. */
    before: {} as Record<string, unknown>,
    frozenAt: 0n,
    release,
  };
  const server = () => {
    if (state.app === undefined) throw new Error('no API running');
    return state.app.getHttpServer();
  };
  const get = (url: string, minPosition?: bigint | number) => {
    const call = request(server()).get(url).set('Authorization', `Bearer ${state.token}`).set('X-Purpose', 'review');
    return minPosition === undefined ? call : call.set('X-Min-Position', String(minPosition));
  };
  const post = (url: string, body: object) =>
    request(server()).post(url).set('Authorization', `Bearer ${state.token}`).send(body);
  const headOfLog = async () =>
    BigInt((await request(server()).get('/ready').expect(200)).body.eventStore.headPosition);

  beforeAll(async () => {
    state.token = await tokenFor(COORDINATOR_ALL_PANELS);
    const previous = await startTestApi({ DATA_DIR: dataDir });
    try {
      state.app = previous.app;
      const referred = (await post('/v1/referrals', maracReferral({ person: victim })).expect(201)).body;
      [state.victimId, state.caseId] = [referred.personId, referred.caseId];
      for (const one of alike) await post('/v1/referrals', iomReferral({}, { person: one })).expect(201);
      const head = await headOfLog();
      state.before = (await get(`/v1/people/${state.victimId}`, head).expect(200)).body;
      const queue = (await get('/v1/people/match-reviews', head).expect(200)).body.items as { id: string }[];
      state.reviewId = queue[0]?.id ?? '';
      expect(state.reviewId).not.toBe('');
    } finally {
      await previous.close();
      state.app = undefined;
    }
    state.frozenAt = asPreviousRelease(dataDir, personIndexProjection, lacking);
    state.app = await startRelease(dataDir, projections);
  });
  afterAll(async () => {
    await state.app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { state, get, post, headOfLog };
}

/** A decision is judged on the current person index: refused, nothing recorded, whatever the previous one holds. */
async function decisionsRefused({ state, post, headOfLog }: ReturnType<typeof whilePersonIndexRebuilt>) {
  const head = await headOfLog();
  const confirm = await post(`/v1/people/match-reviews/${state.reviewId}/confirm`, { reason: 'One man, DOB mistyped' });
  expect({ status: confirm.status, rule: confirm.body.rule }).toEqual({ status: 503, rule: 'read-model-rebuilding' });
  const split = await post(`/v1/people/${state.victimId}/split`, { reason: 'Wrong link', recordIds: [] });
  expect({ status: split.status, rule: split.body.rule }).toEqual({ status: 503, rule: 'read-model-rebuilding' });
  expect(await headOfLog()).toBe(head);
}

/**
 * A release bumps `person_index` to add columns its queries read (as v20 added `model` to records
 * and proposals). The previous version cannot say what it lacks, and what the index holds decides
 * who sees whom, so nothing is guessed from a NULL: a read that needs what it lacks is refused,
 * 503 `read-model-rebuilding` naming it (it was a 500 on the missing column), and a read that
 * needs none of it answers from the previous version, marked.
 */
describe('a person index version bump whose previous version lacks columns the new one reads', () => {
  const bump = whilePersonIndexRebuilt(['records.model', 'proposals.model']);
  const { state, get } = bump;

  const refusedAsRebuilding = (answer: request.Response, lacking: string) => {
    expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status: 503, rule: 'read-model-rebuilding' });
    expect(answer.headers['retry-after']).toBeDefined();
    expect(answer.body.message).toContain(`version ${PREVIOUS} lacks ${lacking}`);
  };

  it('refuses the person view, naming what the previous version lacks', async () => {
    refusedAsRebuilding(await get(`/v1/people/${state.victimId}`), 'records.model');
  });

  it('refuses the review queue and the other reads that need what it lacks', async () => {
    refusedAsRebuilding(await get('/v1/people/match-reviews'), 'proposals.model');
    refusedAsRebuilding(await get(`/v1/cases/${state.caseId}`), 'records.model');
    refusedAsRebuilding(await get('/v1/panels/IOM/eligible-not-adopted'), 'records.model');
  });

  it('answers, marked, the reads that need none of it: the cohort tracker', async () => {
    const answer = await get('/v1/panels/MARAC/cohort').expect(200);
    expect(answer.headers['x-read-model-version']).toBe(MARKED);
    expect((answer.body.items as { caseId: string }[]).map((item) => item.caseId)).toEqual([state.caseId]);
  });

  it('refuses confirmations and splits, recording nothing', async () => {
    await decisionsRefused(bump);
  });

  it('answers the person view from the new version once it is built, unmarked', async () => {
    state.release();
    const head = await bump.headOfLog();
    const deadline = Date.now() + 20_000;
    let answer = await get(`/v1/people/${state.victimId}`, head);
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await get(`/v1/people/${state.victimId}`, head);
    }
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: state.before });
    expect(answer.headers['x-read-model-version']).toBeUndefined();
  });
});

/**
 * A release bumps `person_index` to fold an event differently without new columns (as v22 did). The
 * previous version holds everything the new one's queries read: it answers, as of its frozen
 * position, and says so; a read that must see a later position is refused at once.
 */
describe('a person index version bump whose previous version holds what the new one reads', () => {
  const bump = whilePersonIndexRebuilt([]);
  const { state, get } = bump;

  it('answers the person view from the previous version, marked, as it answered before the bump', async () => {
    const answer = await get(`/v1/people/${state.victimId}`).expect(200);
    expect(answer.headers['x-read-model-version']).toBe(MARKED);
    expect(answer.body).toEqual(state.before);
  });

  it('answers the review queue from it, marked', async () => {
    const answer = await get('/v1/people/match-reviews').expect(200);
    expect(answer.headers['x-read-model-version']).toBe(MARKED);
    expect((answer.body.items as { id: string }[]).map((item) => item.id)).toEqual([state.reviewId]);
  });

  it('refuses at once a person view that must see past its frozen position', async () => {
    const referred = await bump.post('/v1/referrals', iomReferral({}, { person: person({ surname: 'Polglase' }) }));
    expect(referred.status).toBe(201);
    const past = await get(`/v1/people/${referred.body.personId}`, referred.body.position);
    expect({ status: past.status, rule: past.body.rule }).toEqual({ status: 503, rule: 'read-model-rebuilding' });
    await get(`/v1/people/${state.victimId}`, state.frozenAt).expect(200);
  });

  it('refuses confirmations and splits, recording nothing', async () => {
    await decisionsRefused(bump);
  });
});
