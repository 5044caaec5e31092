import type Database from 'better-sqlite3';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import type { ProjectorRuntime, ProjectorRuntimeOptions } from '../../../read-models/src/projector-runtime';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { personIndexProjection } from '../projections';
import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { IdentityCommands } from './identity-commands';
import { PersonIndexQuery } from './person-index.query';

/**
 * A person index whose last batch threw is retried by the runtime building it after a growing
 * delay (1 s, then 2 s, ...). A decision waits for a retry that falls inside its 5 s wait, as a
 * transient fold error clears on it, and refuses 503 at once when none does, writing nothing.
 */

const given = eachWithThreePeople();

/** The person index, whose fold throws on the next `times` rejections it is given. */
function failingOnRejections(times: number): ProjectionDefinition {
  let left = times;
  return {
    ...personIndexProjection,
    apply(view, event) {
      if (event.type === 'match-rejected' && left-- > 0)
        throw new Error('synthetic: the fold cannot apply a rejection');
      personIndexProjection.apply(view, event);
    },
  };
}

type Retries = Pick<ProjectorRuntimeOptions, 'retryDelayMs'>;

/** A-B confirmed and folded, then B-C rejected, which the index (run by `runtime`) has failed to fold. */
async function failedOnRejection(
  index: ProjectionDefinition,
  retries: Retries,
  { started }: { started: boolean },
): Promise<{ db: Database.Database; runtime: ProjectorRuntime }> {
  await given.log.abConfirmed();
  const db = given.fixture.open();
  const runtime = given.fixture.runtime(db, [index], retries);
  await runtime.catchUp();
  if (started) runtime.start();
  await given.log.rejected('bc');
  if (!started) await runtime.catchUp();
  while (!runtime.status().some((version) => version.state === 'failed'))
    await new Promise((resolve) => setTimeout(resolve, 10));
  return { db, runtime };
}

const commandsOn = (db: Database.Database, runtime: ProjectorRuntime) =>
  new IdentityCommands(given.fixture.store, new PersonIndexQuery(new ReadModelDatabase(db)), runtime);

/** The decision is refused 503 `read-model-failed` without waiting (the full 5 s would only time out), writing nothing. */
async function expectRefusedAtOnce(
  { db, runtime }: { db: Database.Database; runtime: ProjectorRuntime },
  decide: (commands: IdentityCommands) => Promise<unknown>,
): Promise<void> {
  const head = await given.fixture.store.headPosition();
  const started = Date.now();
  expect(await outcome(decide(commandsOn(db, runtime)))).toBe('503 read-model-failed');
  expect(Date.now() - started).toBeLessThan(2500);
  expect(await given.fixture.store.headPosition()).toBe(head);
}

describe('identity decisions while the person index has failed to apply the log', () => {
  it('decides once the fold recovers on its first retry, a second later, within the wait', async () => {
    const { db, runtime } = await failedOnRejection(failingOnRejections(1), {}, { started: true });
    const head = await given.fixture.store.headPosition();
    expect(await outcome(commandsOn(db, runtime).reject(ADMIN, 'ac', 'different mothers', adminContext()))).toBe(
      'accepted',
    );
    expect(await given.fixture.store.headPosition()).toBeGreaterThan(head);
  });

  it('refuses at once, writing nothing, when the next retry is a minute away', async () => {
    const failed = await failedOnRejection(failingOnRejections(Infinity), { retryDelayMs: 60_000 }, { started: true });
    await expectRefusedAtOnce(failed, (commands) => commands.confirm(ADMIN, 'ac', 'same man', adminContext()));
  });

  it('refuses at once when this process does not follow the log, so nothing here retries the index', async () => {
    const failed = await failedOnRejection(failingOnRejections(1), {}, { started: false });
    await expectRefusedAtOnce(failed, (commands) => commands.reject(ADMIN, 'ac', 'different mothers', adminContext()));
  });
});
