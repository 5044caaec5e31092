import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { cohortProjection } from '../libs/case-lifecycle/src/projections/cohort.projection';
import { syntheticPnc } from './support/people';
import { asPreviousRelease, releaseWithHeldRebuild, startRelease } from './support/previous-release';
import { startTestApi } from './support/test-api';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

// Synthetic people only.
const victim = person({ forenames: 'Morwenna', surname: 'Tregear', dateOfBirth: '1988-06-03', postcode: 'E8 4QT' });
const nominal = person({
  forenames: 'Caradoc',
  surname: 'Penhallow',
  dateOfBirth: '1993-11-17',
  sex: 'male',
  identifiers: { pnc: syntheticPnc(457_712) },
});

const COHORT = cohortProjection.name;
const CURRENT = cohortProjection.version;
const PREVIOUS = CURRENT - 1;
/** The column the previous release's tables lack in this spec: the tracker's `marac.idva` reads it. */
const LACKING = 'marac_idva';

/**
 * A release bumps `panel_cohort`, whose previous version lacks a column the tracker reads. While the
 * new version is rebuilt in the background, the previous one keeps answering the tracker, marked
 * as such, with what it cannot say null; a filter it cannot answer is refused by name, not answered
 * wrongly. Reads with `X-Min-Position` wait only on the views their route reads, so the audit trail
 * and person views read their own writes throughout; the tracker refuses at once a position its
 * frozen version never reaches.
 */
describe('a version bump: the previous version serves while the new one is rebuilt', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-bump-'));
  const { projections, release } = releaseWithHeldRebuild(cohortProjection);
  let app: NestExpressApplication;
  let coordinator: string;
  let auditor: string;
  let caseId: string;
  let frozenAt: bigint;

  const get = (url: string, token: string, minPosition?: bigint | number) => {
    const call = request(app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'case review');
    return minPosition === undefined ? call : call.set('X-Min-Position', String(minPosition));
  };
  const refer = async (body: unknown): Promise<{ caseId: string; personId: string; position: number }> => {
    const made = await request(app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(body as object);
    expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
    return made.body as { caseId: string; personId: string; position: number };
  };

  beforeAll(async () => {
    [coordinator, auditor] = await Promise.all([tokenFor(COORDINATOR_ALL_PANELS), tokenFor(AUDITOR)]);
    // The previous release: a MARAC case, its cohort built and read once.
    const before = await startTestApi({ DATA_DIR: dataDir });
    try {
      app = before.app;
      ({ caseId } = await refer(maracReferral({ person: victim })));
      const { position } = await refer(iomReferral({}, { person: nominal }));
      await get('/v1/panels/MARAC/cohort', coordinator, position).expect(200);
    } finally {
      await before.close();
    }
    frozenAt = asPreviousRelease(dataDir, cohortProjection, [`cases.${LACKING}`]);
    app = await startRelease(dataDir, projections);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the tracker from the previous version, marked, with what it lacks null', async () => {
    const answer = await get('/v1/panels/MARAC/cohort', coordinator).expect(200);
    expect(answer.headers['x-read-model-version']).toBe(`${COHORT}=${PREVIOUS}; rebuilding=${CURRENT}`);
    expect(answer.body.previousVersion).toEqual({
      version: PREVIOUS,
      rebuilding: CURRENT,
      position: Number(frozenAt),
      lacking: [`cases.${LACKING}`],
      unknownFields: ['marac.idva'],
    });
    const [item] = answer.body.items as { caseId: string; displayName: string; marac: Record<string, unknown> }[];
    expect(item).toMatchObject({ caseId, displayName: 'Morwenna Tregear', marac: { dashScore: 16, idva: null } });
  });

  it('refuses a filter on a column the previous version lacks, naming it, instead of a wrong list', async () => {
    const answer = await get('/v1/panels/MARAC/cohort?idva=none', coordinator).expect(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toMatchObject({
      rule: 'read-model-rebuilding',
      errors: [{ field: 'idva', rule: 'read-model-rebuilding' }],
    });
  });

  it('lets reads wait on their own views: the audit trail and a person view read a new write', async () => {
    const other = {
      ...nominal,
      forenames: 'Jago',
      dateOfBirth: '1991-02-09',
      identifiers: { pnc: syntheticPnc(457_713) },
    };
    const made = await refer(iomReferral({}, { person: other }));
    const trail = await get(`/v1/audit/trail?caseId=${made.caseId}`, auditor, made.position);
    expect({ status: trail.status, rule: trail.body.rule }).toEqual({ status: 200, rule: undefined });
    expect((trail.body.items as { action: string }[]).map((item) => item.action)).toContain('referral-made');
    await get(`/v1/people/${made.personId}`, coordinator, made.position).expect(200);
  });

  it("refuses the tracker at once past its frozen version's position, and answers up to it", async () => {
    const { position } = await refer(maracReferral({ person: { ...victim, forenames: 'Demelza' } }));
    const past = await get('/v1/panels/MARAC/cohort', coordinator, position).expect(503);
    expect(past.body).toMatchObject({ rule: 'read-model-rebuilding' });
    expect(past.headers['retry-after']).toBe('1');
    const upTo = await get('/v1/panels/MARAC/cohort', coordinator, frozenAt).expect(200);
    expect(upTo.body.previousVersion).toMatchObject({ version: PREVIOUS, position: Number(frozenAt) });
  });

  it('lists the frozen version under degraded in /ready', async () => {
    const ready = await request(app.getHttpServer()).get('/ready').expect(200);
    expect(ready.body.degraded).toContainEqual({ name: COHORT, version: PREVIOUS, state: 'frozen' });
  });

  it('switches over once the new version is built: unmarked, every filter answered', async () => {
    release();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = await request(app.getHttpServer()).get('/ready').expect(200);
      const cohort = (ready.body.projections as { name: string; version: number; state: string }[]).filter(
        (view) => view.name === COHORT,
      );
      if (cohort.length === 1 && cohort[0]?.version === CURRENT && cohort[0].state === 'live') break;
      if (Date.now() > deadline) throw new Error(`the cohort did not switch over: ${JSON.stringify(cohort)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const head = (await request(app.getHttpServer()).get('/ready').expect(200)).body.eventStore.headPosition as string;
    const answer = await get('/v1/panels/MARAC/cohort?idva=none', coordinator, BigInt(head)).expect(200);
    expect(answer.headers['x-read-model-version']).toBeUndefined();
    expect(answer.body.previousVersion).toBeUndefined();
    expect((answer.body.items as { caseId: string }[]).map((item) => item.caseId)).toContain(caseId);
  });
});
