import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import { MergedPeople } from '../../../case-lifecycle/src/application/person-resolution/merged-people';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PersonIndexQuery } from '../application/person-index.query';
import { eachWithThreePeople } from '../testing/three-people-log';
import { personIndexProjection } from './person-index.projection';

/**
 * Two reviewers decide on the same facts: one confirms B–C (A and B are one person already), the
 * other rejects A–C. Each pair has its own stream, so both are recorded; the log decides which
 * holds, and every fold of it (the person index, and the person graph behind both person resolvers)
 * must agree.
 */
const given = eachWithThreePeople();
const ONE = { index: true, matchingResolver: true, mergedPeople: true };
const APART = { index: false, matchingResolver: false, mergedPeople: false };

/** Whether C is one person with A, as each fold of the log sees it. */
async function folds() {
  const db = given.fixture.open();
  await given.fixture.runtime(db, [personIndexProjection]).catchUp();
  const index = new PersonIndexQuery(new ReadModelDatabase(db));
  const withA = async (resolver: { idsStandingFor(id: string): Promise<readonly string[]> }) =>
    (await resolver.idsStandingFor('a')).includes('c');
  return {
    index,
    sameAsA: {
      index: index.current('c') === index.current('a'),
      matchingResolver: await withA(new MatchingPersonResolver(given.fixture.store)),
      mergedPeople: await withA(new MergedPeople(given.fixture.store)),
    },
  };
}

describe('a confirmation and a rejection decided on the same facts', () => {
  it('keeps A and C apart when the rejection is recorded first: the confirmation merges nobody', async () => {
    await given.log.abConfirmed();
    await given.log.rejected('ac');
    await given.log.confirmed('bc', 'a', 'c');
    const { index, sameAsA } = await folds();
    expect(sameAsA).toEqual(APART);
    expect(index.review('bc')).toMatchObject({
      status: 'confirmed',
      tookEffect: false,
      conflict: 'match-rejected-before',
      conflictWith: 'ac',
    });
    expect(index.review('ac')).toMatchObject({ status: 'rejected', tookEffect: true });
    expect(index.rejectedBetween('a', 'c')).toBe(true);
  });

  it('keeps the merge when the confirmation is recorded first: the rejection keeps no one apart', async () => {
    await given.log.abConfirmed();
    await given.log.confirmed('bc', 'a', 'c');
    await given.log.rejected('ac');
    const { index, sameAsA } = await folds();
    expect(sameAsA).toEqual(ONE);
    expect(index.review('bc')).toMatchObject({ status: 'confirmed', tookEffect: true });
    expect(index.review('ac')).toMatchObject({
      status: 'rejected',
      tookEffect: false,
      conflict: 'undo-the-merge-first',
    });
  });

  it('lets a void rejection stand in nobody’s way once a split has undone the merge it raced', async () => {
    await given.log.abConfirmed();
    await given.log.confirmed('bc', 'a', 'c');
    await given.log.rejected('ac');
    await given.log.restored('a', 'c');
    await given.log.reopened('bc', 'confirmed');
    await given.log.confirmed('bc', 'a', 'c');
    const { index, sameAsA } = await folds();
    expect(sameAsA).toEqual(ONE);
    expect(index.rejectedBetween('a', 'c')).toBe(false);
  });

  it('lets a reopened rejection stand in nobody’s way', async () => {
    await given.log.abConfirmed();
    await given.log.rejected('ac');
    await given.log.reopened('ac', 'rejected');
    await given.log.confirmed('bc', 'a', 'c');
    const { sameAsA } = await folds();
    expect(sameAsA).toEqual(ONE);
  });

  it('holds a rejection naming a person merged in since against the person they are part of now', async () => {
    await given.log.abConfirmed();
    await given.log.rejected('bc');
    await given.log.confirmed('ac', 'a', 'c');
    const { index, sameAsA } = await folds();
    expect(sameAsA).toEqual(APART);
    expect(index.review('ac')).toMatchObject({
      tookEffect: false,
      conflict: 'match-rejected-before',
      conflictWith: 'bc',
    });
    expect(index.rejectedBetween('a', 'c')).toBe(true);
  });
});
