import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { personIndexProjection } from '../projections';
import { eachWithThreePeople } from '../testing/three-people-log';
import { IdentityCommands } from './identity-commands';
import { PersonIndexQuery } from './person-index.query';

/**
 * The two decisions are taken on the same facts, and the other reviewer's is recorded between this
 * command's read and its append (as with two API processes): the log decides, and the command
 * whose decision took no effect answers 409 instead of a success that is not true.
 */
const ADMIN: Principal = { id: 'u-2', name: 'Synthetic Admin', agency: 'Council', roles: ['admin'], panels: [] };
const context = (): CommandContext => ({
  actor: { id: ADMIN.id, name: ADMIN.name, agency: ADMIN.agency, roles: [...ADMIN.roles] },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2024-06-02T10:00:00Z',
  now: '2024-06-02T10:00:00Z',
  eventId: () => randomUUID(),
});

const given = eachWithThreePeople();

/** Commands whose first append to `stream` lets `interloper` write first. */
async function commandsRacing(stream: string, interloper: () => Promise<unknown>) {
  const store = given.fixture.store;
  let pending: (() => Promise<unknown>) | undefined = interloper;
  const racing: EventStore = {
    append: async (name, events, options) => {
      const first = name === stream ? pending : undefined;
      pending = undefined;
      await first?.();
      return store.append(name, events, options);
    },
    readStream: (name, options) => store.readStream(name, options),
    readAll: (options) => store.readAll(options),
    subscribeAll: (options) => store.subscribeAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
  const db = given.fixture.open();
  const runtime = given.fixture.runtime(db, [personIndexProjection]);
  runtime.start();
  const index = new PersonIndexQuery(new ReadModelDatabase(db));
  await runtime.waitUntilProcessed(await store.headPosition(), 5000);
  return { commands: new IdentityCommands(racing, index, runtime), index, runtime };
}

const refusal = (decision: Promise<unknown>) =>
  decision.then(
    () => 'accepted',
    (error: { kind?: string; rule?: string }) => `${error.kind} ${error.rule}`,
  );

describe('identity decisions racing across reviews', () => {
  it('refuses a confirmation a rejection recorded just before it kept from merging anyone', async () => {
    await given.log.abConfirmed();
    const { commands, index, runtime } = await commandsRacing('personmatch-bc', () => given.log.rejected('ac'));
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man per the GP letter', context()))).toBe(
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
    expect(await refusal(commands.reject(ADMIN, 'ac', 'different mothers', context()))).toBe(
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
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man per the GP letter', context()))).toBe('accepted');
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect(index.current('c')).toBe('a');
    expect(index.review('bc')).toMatchObject({
      status: 'confirmed',
      tookEffect: false,
      conflict: 'already-one-person',
    });
  });

  it('accepts a rejection nothing raced, and refuses a later confirmation without writing it', async () => {
    await given.log.abConfirmed();
    const { commands } = await commandsRacing('personmatch-none', () => Promise.resolve());
    expect(await refusal(commands.reject(ADMIN, 'ac', 'different mothers', context()))).toBe('accepted');
    const head = await given.fixture.store.headPosition();
    expect(await refusal(commands.confirm(ADMIN, 'bc', 'same man', context()))).toBe('conflict match-rejected-before');
    expect(await given.fixture.store.headPosition()).toBe(head);
  });
});
