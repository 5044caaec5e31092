import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/app.module';
import { cohortProjection } from '../libs/case-lifecycle/src/projections/cohort.projection';
import type { ProjectionDefinition } from '../libs/read-models/src/projection-definition';
import { versionPrefix } from '../libs/read-models/src/projection-naming';
import { READ_MODEL_PROJECTIONS } from '../libs/read-models/src/read-models.module';
import { registeredProjections } from '../libs/read-models/src/registered-projections';
import { syntheticPnc } from './support/people';
import { startTestApi } from './support/test-api';
import { inTestEnv } from './support/test-env';
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
 * Turns the built cohort into what a previous release left: version PREVIOUS answering, at the
 * checkpoint the cohort had reached, its `cases` table without `marac_idva`.
 */
function asPreviousRelease(dataDir: string): bigint {
  const db = new Database(join(dataDir, 'read-models.sqlite'));
  try {
    const [current, previous] = [versionPrefix(COHORT, CURRENT), versionPrefix(COHORT, PREVIOUS)];
    const tables = db
      .prepare<[string], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? || '%'`)
      .pluck()
      .all(current);
    db.transaction(() => {
      for (const table of tables) {
        const local = table.slice(current.length);
        db.exec(`CREATE TABLE "${previous}${local}" AS SELECT * FROM "${table}"; DROP TABLE "${table}"`);
      }
      db.exec(`ALTER TABLE "${previous}cases" DROP COLUMN ${LACKING}`);
      db.prepare('UPDATE projection_checkpoints SET version = ? WHERE name = ? AND version = ?').run(
        PREVIOUS,
        COHORT,
        CURRENT,
      );
      db.prepare('UPDATE projection_active SET version = ? WHERE name = ?').run(PREVIOUS, COHORT);
    })();
    return db
      .prepare<[string, number], bigint>('SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?')
      .pluck()
      .safeIntegers()
      .get(COHORT, PREVIOUS) as bigint;
  } finally {
    db.close();
  }
}

/**
 * The release that bumps the cohort: the registered projections, with the new cohort version's
 * batches refused while `held` (each is retried with back-off), so its background rebuild stays
 * part-way while the spec looks at what the previous version serves.
 */
function releaseWithHeldRebuild() {
  const gate = { held: true };
  const hold = (): void => {
    if (gate.held) throw new Error('held by the spec: the background rebuild stays part-way');
  };
  const heldCohort: ProjectionDefinition = {
    ...cohortProjection,
    apply: (db, event) => {
      hold();
      cohortProjection.apply(db, event);
    },
    applyBatch: (db, events) => {
      hold();
      cohortProjection.applyBatch?.(db, events);
    },
  };
  const projections = registeredProjections.map((definition) => (definition.name === COHORT ? heldCohort : definition));
  return { projections, release: () => (gate.held = false) };
}

async function startApi(dataDir: string, projections: readonly ProjectionDefinition[]) {
  // Short, so that a wait that runs out (the failure this spec guards against) fails it quickly.
  return inTestEnv(dataDir, { READ_YOUR_WRITES_TIMEOUT_MS: '1000' }, async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
      .overrideProvider(READ_MODEL_PROJECTIONS)
      .useValue(projections)
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    return app;
  });
}

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
  const { projections, release } = releaseWithHeldRebuild();
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
    frozenAt = asPreviousRelease(dataDir);
    app = await startApi(dataDir, projections);
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
