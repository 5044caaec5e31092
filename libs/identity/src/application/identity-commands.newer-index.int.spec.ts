import type { HttpException } from '@nestjs/common';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PERSON_INDEX, personIndexProjection } from '../projections';
import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { IdentityCommands } from './identity-commands';
import { MatchReviewQuery } from './match-review.query';
import { PersonIndexQuery } from './person-index.query';

/**
 * Mid-deploy (or after rolling one process back) a newer release shares the read-model file and
 * keeps its newer person index version at the head; this release leaves it be (instance-setup.ts).
 * Nothing is being rebuilt: decisions and the review detail are answered on it, unless its tables
 * lack what this release reads, which is then said as such.
 */

const given = eachWithThreePeople();

const newerIndex: ProjectionDefinition = { ...personIndexProjection, version: personIndexProjection.version + 1 };

/** This release, opened on a file whose person index a newer release built (and, if `following`, keeps moving). */
async function newerReleaseAnswering({ following }: { following: boolean }) {
  await given.log.abConfirmed();
  const db = given.fixture.open();
  const newerRuntime = given.fixture.runtime(db, [newerIndex]);
  await newerRuntime.catchUp();
  if (following) newerRuntime.start();
  const runtime = given.fixture.runtime(db, [personIndexProjection]);
  runtime.initialise();
  const readModels = new ReadModelDatabase(db);
  const index = new PersonIndexQuery(readModels);
  return {
    db,
    commands: new IdentityCommands(given.fixture.store, index, runtime),
    reviews: new MatchReviewQuery(readModels, index),
  };
}

function refusalOf(query: () => unknown): HttpException {
  try {
    query();
  } catch (error) {
    return error as HttpException;
  }
  throw new Error('answered instead of refusing');
}

describe('identity decisions while a newer release keeps its person index version at the head', () => {
  it('decides, and answers the review as decided, waiting on the newer version as the newer release moves it', async () => {
    const { commands, reviews } = await newerReleaseAnswering({ following: true });
    const head = await given.fixture.store.headPosition();
    const started = Date.now();
    expect(await outcome(commands.reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe('accepted');
    // Waiting for this release's own (frozen) view of the newer version would take the full 5 s.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await given.fixture.store.headPosition()).toBeGreaterThan(head);
    expect(reviews.review('ac')).toMatchObject({ status: 'rejected', decision: { reason: 'different mothers' } });
  });

  it('answers 503 naming the newer version, and decides nothing, when its tables lack a column this release reads', async () => {
    const { db, commands, reviews } = await newerReleaseAnswering({ following: false });
    db.exec(`ALTER TABLE ${qualifiedName(PERSON_INDEX, newerIndex.version, 'proposals')} DROP COLUMN decided_by`);
    const head = await given.fixture.store.headPosition();
    const refused = refusalOf(() => reviews.review('ab'));
    expect([refused.getStatus(), refused.getResponse()]).toMatchObject([503, { rule: 'read-model-newer-version' }]);
    expect(refused.message).toContain(`version ${newerIndex.version}, built by a newer release`);
    expect(refused.message).toContain('proposals.decided_by');
    expect(await outcome(commands.reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe(
      '503 read-model-newer-version',
    );
    expect(await given.fixture.store.headPosition()).toBe(head);
  });

  it("reads the newer version's columns once: a version's tables do not change", async () => {
    const { db, reviews } = await newerReleaseAnswering({ following: false });
    const prepare = jest.spyOn(db, 'prepare');
    const columnReads = () => prepare.mock.calls.filter(([sql]) => sql.includes('pragma_table_info')).length;
    reviews.review('ab');
    const first = columnReads();
    reviews.review('ab');
    reviews.review('ac');
    expect(first).toBeGreaterThan(0);
    expect(columnReads()).toBe(first);
  });

  it('answers on the newer version once its tables are back, after reading it while they were being recreated', async () => {
    const { db, reviews } = await newerReleaseAnswering({ following: false });
    const proposals = qualifiedName(PERSON_INDEX, newerIndex.version, 'proposals');
    db.exec(`ALTER TABLE ${proposals} RENAME TO moved_aside`);
    expect(refusalOf(() => reviews.review('ab')).getResponse()).toMatchObject({ rule: 'read-model-newer-version' });
    db.exec(`ALTER TABLE moved_aside RENAME TO ${proposals}`);
    expect(reviews.review('ab')).toMatchObject({ status: 'confirmed' });
  });
});
