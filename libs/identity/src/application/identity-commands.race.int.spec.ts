import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext } from './admin-reviewer.testing';
import { commandsRacing as racingIn } from './racing-commands.testing';

/**
 * The two decisions are taken on the same facts, and the other reviewer's is recorded between this
 * command's read and its append (as with two API processes): the log decides, and the command
 * whose decision took no effect answers 409 instead of a success that is not true.
 */

const given = eachWithThreePeople();

const commandsRacing = (stream: string, interloper: () => Promise<unknown>) =>
  racingIn(given.fixture, stream, interloper);

const refusal = (decision: Promise<unknown>) =>
  decision.then(
    () => 'accepted',
    (error: { kind?: string; rule?: string }) => `${error.kind} ${error.rule}`,
  );

describe('identity decisions racing across reviews', () => {
  it('refuses a confirmation a rejection recorded just before it kept from merging anyone', async () => {
    await given.log.abConfirmed();
    const { commands, index, runtime } = await commandsRacing('personmatch-bc', () => given.log.rejected('ac'));
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man per the GP letter', adminContext()))).toBe(
      'conflict match-rejected-before',
    );
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect(index.current('c')).toBe('c');
  });

  it('refuses a rejection a confirmation recorded just before it made about one person', async () => {
    await given.log.abConfirmed();
    const { commands, index, runtime } = await commandsRacing('personmatch-ac', () =>
      given.log.confirmed('bc', 'a', 'c'),
    );
    expect(await refusal(commands.reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe(
      'conflict undo-the-merge-first',
    );
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect(index.current('c')).toBe('a');
    expect(index.rejectedBetween('a', 'c')).toBe(false);
  });

  it('accepts a confirmation another confirmation recorded just before it made redundant: the people are one', async () => {
    await given.log.abConfirmed();
    const { commands, index, runtime } = await commandsRacing('personmatch-bc', () =>
      given.log.confirmed('ac', 'a', 'c'),
    );
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man per the GP letter', adminContext()))).toBe('accepted');
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect(index.current('c')).toBe('a');
    expect(index.review('bc')).toMatchObject({
      status: 'confirmed',
      tookEffect: false,
      conflict: 'already-one-person',
    });
  });

  it('merges a confirmation another confirmation raced into the person registered first, and answers so', async () => {
    for (const id of ['a', 'b', 'c']) await given.log.registered(id);
    for (const pair of ['ac', 'bc'] as const) await given.log.proposed(pair);
    // Decided on B and C as two people (B survives); A–C is recorded first, so C is A's by then.
    const { commands, index, runtime } = await commandsRacing('personmatch-bc', () =>
      given.log.confirmed('ac', 'a', 'c'),
    );
    const answer = await commands.confirm(ADMIN, 'bc', 'same man per the GP letter', adminContext());
    expect(answer).toMatchObject({ status: 'confirmed', survivorId: 'a', mergedId: 'b' });
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect([index.current('b'), index.current('c')]).toEqual(['a', 'a']);
  });

  it('accepts a rejection nothing raced, and refuses a later confirmation without writing it', async () => {
    await given.log.abConfirmed();
    const { commands } = await commandsRacing('personmatch-none', () => Promise.resolve());
    expect(await refusal(commands.reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe('accepted');
    const head = await given.fixture.store.headPosition();
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man', adminContext()))).toBe(
      'conflict match-rejected-before',
    );
    expect(await given.fixture.store.headPosition()).toBe(head);
  });
});
