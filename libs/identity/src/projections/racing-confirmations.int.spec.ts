import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import { MergedPeople } from '../../../case-lifecycle/src/application/person-resolution/merged-people';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PersonIndexQuery } from '../application/person-index.query';
import { eachWithThreePeople } from '../testing/three-people-log';
import { personIndexProjection } from './person-index.projection';

/**
 * Two reviewers confirm A–C and B–C (A registered first, then B, then C), each on the index before
 * the other's confirmation: each names the older of its two as survivor, so B–C names B. Once A–C
 * is folded, C is A, and the person registered first of A and B must survive: A. Every fold of the
 * log must say so (the person index, and the person graph behind both person resolvers).
 */
const given = eachWithThreePeople();

/** The id each fold gives the person B is part of now. */
async function survivorOfB() {
  const db = given.fixture.open();
  await given.fixture.runtime(db, [personIndexProjection]).catchUp();
  const index = new PersonIndexQuery(new ReadModelDatabase(db));
  const first = async (resolver: { idsStandingFor(id: string): Promise<readonly string[]> }) =>
    (await resolver.idsStandingFor('b'))[0];
  return {
    index,
    survivor: {
      index: index.current('b'),
      matchingResolver: await first(new MatchingPersonResolver(given.fixture.store)),
      mergedPeople: await first(new MergedPeople(given.fixture.store)),
    },
  };
}

const EVERY_FOLD = (id: string) => ({ index: id, matchingResolver: id, mergedPeople: id });

async function threeProposed(): Promise<void> {
  for (const id of ['a', 'b', 'c']) await given.log.registered(id);
  for (const pair of ['ac', 'bc'] as const) await given.log.proposed(pair);
}

describe('two confirmations sharing a person, each decided before the other was recorded', () => {
  it('keeps the person registered first as survivor, whichever named whom', async () => {
    await threeProposed();
    await given.log.confirmed('ac', 'a', 'c');
    await given.log.confirmed('bc', 'b', 'c');
    const { index, survivor } = await survivorOfB();
    expect(survivor).toEqual(EVERY_FOLD('a'));
    expect(index.current('c')).toBe('a');
    expect(index.review('bc')).toMatchObject({ tookEffect: true, merge: { survivorId: 'a', mergedId: 'b' } });
  });

  it('lets a restoring split give back exactly the person the second confirmation merged', async () => {
    await threeProposed();
    await given.log.confirmed('ac', 'a', 'c');
    await given.log.confirmed('bc', 'b', 'c');
    await given.log.restored('a', 'b');
    const { index, survivor } = await survivorOfB();
    expect(survivor).toEqual(EVERY_FOLD('b'));
    expect(index.current('c')).toBe('a');
  });

  it('keeps the survivor as decided for confirmations recorded before they carried registrations', async () => {
    await threeProposed();
    await given.log.confirmedWithoutRegistrations('ac', 'a', 'c');
    await given.log.confirmedWithoutRegistrations('bc', 'b', 'c');
    const { survivor } = await survivorOfB();
    // Folds that see no registrations cannot tell, so none of them second-guesses the log.
    expect(survivor).toEqual(EVERY_FOLD('b'));
  });
});
