import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import type { IdentityCommands, SplitRequest } from './identity-commands';
import { commandsRacing } from './racing-commands.testing';

/**
 * Two reviewers split one person on the same facts read from the person index, and the other's
 * split is recorded between this one's read of the person's stream and its append (as with two API
 * processes whose turns no lease orders, one that lapsed). The facts on the second command no
 * longer hold, so it must not be recorded.
 */

const given = eachWithThreePeople();

/** A with B merged into them (records a and b, cases a and b); `first` splits A inside the other's append. */
async function splitsRacing(first?: SplitRequest) {
  await given.log.registered('a');
  await given.log.registered('b');
  await given.log.proposed('ab');
  await given.log.confirmed('ab', 'a', 'b');
  // The interloper runs inside the append of commands it cannot be given before they exist; it
  // splits through the other process's commands, since this one's turn is still being taken.
  const late: { elsewhere?: IdentityCommands } = {};
  let firstAnswer: string | undefined;
  const raced = await commandsRacing(given.fixture, first === undefined ? 'no-race' : 'identity-a', async () => {
    if (first === undefined) return;
    firstAnswer = await outcome((late.elsewhere as IdentityCommands).split(ADMIN, 'a', first, adminContext()));
  });
  late.elsewhere = raced.elsewhere;
  const splitsOfA = async () =>
    (await given.fixture.store.readStream('identity-a')).filter((e) => e.type === 'person-split').length;
  const settle = async () => raced.runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
  return { ...raced, firstAnswer: () => firstAnswer, splitsOfA, settle };
}

describe('splits of one person racing', () => {
  it('restores a merged person once: the second restore answers 409 person-changed and writes nothing', async () => {
    const race = await splitsRacing({ reason: 'first look', restore: 'b' });
    const second = await outcome(
      race.commands.split(ADMIN, 'a', { reason: 'second look', restore: 'b' }, adminContext()),
    );
    expect([race.firstAnswer(), second]).toEqual(['accepted', 'conflict person-changed']);
    expect(await race.splitsOfA()).toBe(1);
    await race.settle();
    expect(race.index.current('b')).toBe('b');
    expect(race.index.person('a')?.records.map((r) => r.recordId)).toEqual(['a']);
  });

  // Recorded twice, the second split carried record b and case b off the first new person, who was left with nothing.
  it('moves a record and a case to one new person, not on to a second one', async () => {
    const request = { reason: 'mother and daughter', recordIds: ['b'], caseIds: ['b'] };
    const race = await splitsRacing(request);
    const second = await outcome(race.commands.split(ADMIN, 'a', request, adminContext()));
    expect([race.firstAnswer(), second]).toEqual(['accepted', 'conflict person-changed']);
    expect(await race.splitsOfA()).toBe(1);
    await race.settle();
    const [split] = (await given.fixture.store.readStream('identity-a')).map((e) => e.data as { intoPersonId: string });
    const newPerson = race.index.person(split?.intoPersonId ?? '');
    expect(newPerson?.records.map((r) => r.recordId)).toEqual(['b']);
    expect(newPerson?.cases.map((c) => c.caseId)).toEqual(['b']);
  });

  it('splits when nothing raced it, and refuses a later restore of the same person as not merged (400)', async () => {
    const race = await splitsRacing();
    const restore = (reason: string) =>
      outcome(race.commands.split(ADMIN, 'a', { reason, restore: 'b' }, adminContext()));
    expect(await restore('wrong merge')).toBe('accepted');
    await race.settle();
    expect(await restore('second look')).toBe('invalid restore-a-person-merged-into-this-one');
    expect(await race.splitsOfA()).toBe(1);
  });
});
