import type Database from 'better-sqlite3';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import type { ProjectorRuntime } from '../../../read-models/src/projector-runtime';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PERSON_INDEX, personIndexProjection } from '../projections';
import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { IdentityCommands } from './identity-commands';
import { MatchReviewQuery } from './match-review.query';
import { PersonIndexQuery } from './person-index.query';

/**
 * After a release bumps the person index's version, the previous version answers (frozen) until
 * the new one is rebuilt. A reviewer's decision taken on it would be taken on facts that no longer
 * move: a restoring split accepted twice writes two splits. Such decisions are refused (503) and
 * write nothing; so are decisions the index cannot catch up for in time.
 */

const given = eachWithThreePeople();

/** The previous release's index: the same fold, without the decision columns v7 added. */
const previousIndex: ProjectionDefinition = { ...personIndexProjection, version: personIndexProjection.version - 1 };

/** A data directory the previous release left at the head, opened by this release, whose rebuild has not got far. */
async function previousVersionAnswering() {
  await given.log.abConfirmed();
  const db = given.fixture.open();
  await given.fixture.runtime(db, [previousIndex]).catchUp();
  const proposals = qualifiedName(PERSON_INDEX, previousIndex.version, 'proposals');
  for (const column of ['decided_by', 'reason', 'decided_at', 'recorded_at'])
    db.exec(`ALTER TABLE ${proposals} DROP COLUMN ${column}`);
  const runtime = given.fixture.runtime(db, [personIndexProjection]);
  runtime.initialise();
  const readModels = new ReadModelDatabase(db);
  const index = new PersonIndexQuery(readModels);
  return { commands: new IdentityCommands(given.fixture.store, index, runtime), readModels, index };
}

/** This release's commands on the read-model file `db`, waiting on `runtime`. */
const commandsOn = (db: Database.Database, runtime: ProjectorRuntime) =>
  new IdentityCommands(given.fixture.store, new PersonIndexQuery(new ReadModelDatabase(db)), runtime);

describe('identity decisions while the person index is not at the head', () => {
  it('refuses a restoring split and a confirmation while an older version answers, writing nothing', async () => {
    const { commands } = await previousVersionAnswering();
    const head = await given.fixture.store.headPosition();
    const split = () => commands.split(ADMIN, 'a', { reason: 'wrong merge per the GP', restore: 'b' }, adminContext());
    expect(await outcome(split())).toBe('503 read-model-rebuilding');
    expect(await outcome(split())).toBe('503 read-model-rebuilding');
    expect(await outcome(commands.confirm(ADMIN, 'bc', 'same man', adminContext()))).toBe('503 read-model-rebuilding');
    expect(await given.fixture.store.headPosition()).toBe(head);
  });

  it('answers a review 503 rather than failing on the columns the older version lacks', async () => {
    const { readModels, index } = await previousVersionAnswering();
    expect(await outcome(Promise.resolve().then(() => new MatchReviewQuery(readModels, index).review('ab')))).toBe(
      '503 read-model-rebuilding',
    );
  });

  it('refuses a decision when the index does not reach the head in time, writing nothing', async () => {
    await given.log.abConfirmed();
    const db = given.fixture.open();
    const runtime = given.fixture.runtime(db, [personIndexProjection]);
    await runtime.catchUp();
    // Recorded by another process; this one's runtime is not following the log.
    await given.log.rejected('ac');
    const head = await given.fixture.store.headPosition();
    const commands = commandsOn(db, runtime);
    expect(await outcome(commands.confirm(ADMIN, 'bc', 'same man', adminContext()))).toBe(
      '503 read-your-writes-timeout',
    );
    expect(await given.fixture.store.headPosition()).toBe(head);
  });

  it('decides at once when the person index is at the head though another view is still rebuilding', async () => {
    await given.log.abConfirmed();
    const db = given.fixture.open();
    const other = (version: number, apply: ProjectionDefinition['apply']): ProjectionDefinition => ({
      name: 'other_view',
      version,
      streamPrefixes: ['person-'],
      migrate: (view) => view.exec(`CREATE TABLE ${view.table('seen')} (id TEXT)`),
      apply,
    });
    await given.fixture.runtime(db, [personIndexProjection, other(1, () => undefined)]).catchUp();
    const failing = other(2, () => {
      throw new Error('synthetic: the new version cannot be built');
    });
    const runtime = given.fixture.runtime(db, [personIndexProjection, failing], { retryDelayMs: 60_000 });
    runtime.start();
    await given.log.registered('d');
    const commands = commandsOn(db, runtime);
    const started = Date.now();
    expect(await outcome(commands.reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe('accepted');
    // The wait for every view would have taken the full 5 s while other_view v1 answers frozen.
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
