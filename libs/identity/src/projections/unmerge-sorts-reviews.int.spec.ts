import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import { MergedPeople } from '../../../case-lifecycle/src/application/person-resolution/merged-people';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PersonIndexQuery } from '../application/person-index.query';
import { eachWithThreePeople } from '../testing/three-people-log';
import { personIndexProjection } from './person-index.projection';

/**
 * A and B are confirmed as one (A survives), then C is confirmed into the two by review A–C (or B–C,
 * which says "C is B"). Undoing A–B sorts C between them, and a review that merged C in is undone
 * exactly when its two people are two again: sent to B, A–C no longer holds and B–C still does;
 * left with A, the other way round. Every fold of the log must agree on whom C is with.
 */
const given = eachWithThreePeople();

/** The index, and whom C (or `who`) is with in the index and in both person resolvers' graphs. */
async function folded(who = 'c') {
  const db = given.fixture.open();
  await given.fixture.runtime(db, [personIndexProjection]).catchUp();
  const index = new PersonIndexQuery(new ReadModelDatabase(db));
  const holder = async (resolver: { idsStandingFor(id: string): Promise<readonly string[]> }) =>
    (await resolver.idsStandingFor(who))[0];
  return {
    index,
    cIsWith: {
      index: index.current(who),
      matchingResolver: await holder(new MatchingPersonResolver(given.fixture.store)),
      mergedPeople: await holder(new MergedPeople(given.fixture.store)),
    },
  };
}

const EVERY_FOLD = (id: string) => ({ index: id, matchingResolver: id, mergedPeople: id });

/** A–B confirmed, then A–C: both merged into A. Answers where A–C's confirmation was recorded. */
async function threeMadeOne(): Promise<number> {
  await given.log.abConfirmed();
  await given.log.confirmed('ac', 'a', 'c');
  const confirmations = await given.fixture.store.readStream('personmatch-ac');
  return Number(confirmations.find((e) => e.type === 'match-confirmed')?.position);
}

describe('an unmerge that sorts a person merged in while the two were one', () => {
  it('undoes the confirmation that merged them in when it sends them to the restored person', async () => {
    const acConfirmedAt = await threeMadeOne();
    await given.log.restored('a', 'b', [{ personId: 'c', to: 'b', by: 'identifier' }]);

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('b'));
    expect({ ab: index.review('ab')?.mergeUndone, ac: index.review('ac')?.mergeUndone }).toEqual({
      ab: true,
      ac: true,
    });
    // C has been one with B since A–C joined them, which a later restore of C sorts by.
    expect(index.mergesAndLinks('b').pointers).toEqual([
      { personId: 'c', mergedInto: 'b', confirmedAt: acConfirmedAt },
    ]);
  });

  it('leaves that confirmation standing when it keeps them with the survivor', async () => {
    const acConfirmedAt = await threeMadeOne();
    await given.log.restored('a', 'b', [{ personId: 'c', to: 'a', by: 'score' }]);

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('a'));
    expect(index.review('ac')).toMatchObject({ status: 'confirmed', tookEffect: true, mergeUndone: false });
    expect(index.review('ab')?.mergeUndone).toBe(true);
    expect(index.mergesAndLinks('a').pointers).toEqual([
      { personId: 'c', mergedInto: 'a', confirmedAt: acConfirmedAt },
    ]);
  });

  it('leaves standing a confirmation pairing the restored person with the one it sends to her', async () => {
    await given.log.abConfirmed();
    await given.log.confirmed('bc', 'a', 'c');
    await given.log.restored('a', 'b', [{ personId: 'c', to: 'b', by: 'identifier' }]);

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('b'));
    // "B and C are one" still holds: it stays decided, and reopening it would pair B with herself.
    expect(index.review('bc')).toMatchObject({ status: 'confirmed', tookEffect: true, mergeUndone: false });
    expect(index.review('ab')?.mergeUndone).toBe(true);
  });

  it('undoes a confirmation pairing the restored person with one it keeps with the survivor', async () => {
    await given.log.abConfirmed();
    await given.log.confirmed('bc', 'a', 'c');
    await given.log.restored('a', 'b', [{ personId: 'c', to: 'a', by: 'reviewer' }]);

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('a'));
    expect({ bc: index.review('bc')?.mergeUndone, ab: index.review('ab')?.mergeUndone }).toEqual({
      bc: true,
      ab: true,
    });

    // Reopened and confirmed anew, it merges B and A as they are now, in every fold alike.
    await given.log.reopened('bc', 'confirmed');
    await given.log.confirmed('bc', 'b', 'a');
    const again = await folded('b');
    expect(again.cIsWith).toEqual(EVERY_FOLD('a'));
    expect(again.index.review('bc')).toMatchObject({ status: 'confirmed', mergeUndone: false });
  });

  it('undoes it too after a restore recorded before unmerges sorted anyone, which left C with A', async () => {
    await given.log.abConfirmed();
    await given.log.confirmed('bc', 'a', 'c');
    await given.log.restored('a', 'b');

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('a'));
    expect(index.review('bc')?.mergeUndone).toBe(true);
  });

  it('lets the review be reopened and confirmed anew, merging the two as they are now in every fold', async () => {
    await threeMadeOne();
    await given.log.restored('a', 'b', [{ personId: 'c', to: 'b', by: 'identifier' }]);
    await given.log.reopened('ac', 'confirmed');
    await given.log.confirmed('ac', 'a', 'b');

    const { index, cIsWith } = await folded();
    expect(cIsWith).toEqual(EVERY_FOLD('a'));
    expect(index.review('ac')).toMatchObject({
      status: 'confirmed',
      mergeUndone: false,
      merge: { survivorId: 'a', mergedId: 'b' },
    });
  });
});
