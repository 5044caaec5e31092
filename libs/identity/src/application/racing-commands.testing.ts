import type { EventStore } from '../../../event-store/src/port/event-store';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { personIndexProjection } from '../projections';
import { IdentityCommands } from './identity-commands';
import { PersonIndexQuery } from './person-index.query';

/**
 * Identity commands whose first append to `stream` lets `interloper` write first: the other
 * decision lands between this command's read and its append, as with two API processes.
 * `elsewhere` is the other process's commands (its own turns, the same log and index): the
 * interloper may decide with them, never with `commands`, whose turn it would wait for.
 */
export async function commandsRacing(fixture: ReadModelFixture, stream: string, interloper: () => Promise<unknown>) {
  const store = fixture.store;
  let pending: (() => Promise<unknown>) | undefined = interloper;
  const racing: EventStore = {
    append: async (name, events, options) => {
      const first = name === stream ? pending : undefined;
      if (first !== undefined) pending = undefined;
      await first?.();
      return store.append(name, events, options);
    },
    readStream: (name, options) => store.readStream(name, options),
    readAll: (options) => store.readAll(options),
    subscribeAll: (options) => store.subscribeAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
  const db = fixture.open();
  const runtime = fixture.runtime(db, [personIndexProjection]);
  runtime.start();
  const index = new PersonIndexQuery(new ReadModelDatabase(db));
  await runtime.waitUntilProcessed(await store.headPosition(), 5000);
  return {
    commands: new IdentityCommands(racing, index, runtime),
    elsewhere: new IdentityCommands(store, index, runtime),
    index,
    runtime,
  };
}
