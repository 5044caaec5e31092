import { anEvent, someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDatabase, ProjectionDefinition } from './projection-definition';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * One event a projection cannot fold, in the middle of a batch. The operator needs the event
 * itself named (not the batch's first one, which is fine), and the events before it must not be
 * rolled back and re-applied with it at every retry.
 */

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

let poisonReadable = false;

/** Writes each event's position, then throws, after writing, on `poison` until it is made readable. */
function folded(db: ProjectionDatabase, events: readonly { type: string; position: bigint }[]): void {
  for (const event of events) {
    db.prepare(`INSERT INTO ${db.table('seen')} (position) VALUES (?)`).run(event.position);
    if (event.type === 'poison' && !poisonReadable) throw new Error('synthetic: cannot fold poison');
  }
}

const base = {
  version: 1,
  migrate: (db: ProjectionDatabase) => db.exec(`CREATE TABLE ${db.table('seen')} (position INTEGER PRIMARY KEY)`),
};
const batched: ProjectionDefinition = {
  ...base,
  name: 'batched',
  apply: (db, event) => folded(db, [event]),
  applyBatch: (db, events) => folded(db, events),
};
const perEvent: ProjectionDefinition = { ...base, name: 'per_event', apply: (db, event) => folded(db, [event]) };

let poisonId: string;
beforeEach(async () => {
  poisonReadable = false;
  await fixture.store.append('ledger-1', someEvents(5, 'amount-recorded'), { expected: 'no-stream' });
  const poison = anEvent({ type: 'poison' });
  poisonId = poison.id;
  await fixture.store.append('bad-1', [poison], { expected: 'no-stream' });
  await fixture.store.append('ledger-2', someEvents(4, 'amount-recorded'), { expected: 'no-stream' });
});

const seen = (db: ReturnType<ReadModelFixture['open']>, name: string) =>
  db.prepare(`SELECT position FROM ${name}_v1_seen ORDER BY position`).pluck().all();

describe('a projection that cannot fold one event of a batch', () => {
  it.each([
    ['applyBatch', batched],
    ['apply', perEvent],
  ])('with %s: keeps the events before it, stops its checkpoint just before it, and names it', async (_, broken) => {
    const db = fixture.open();
    let now = Date.parse('2024-06-01T10:00:00Z');
    const clock = () => new Date(now);
    const errors: string[] = [];
    const log = { log: () => undefined, warn: () => undefined, error: (line: string) => void errors.push(line) };
    const runtime = fixture.runtime(db, [broken, streamTotalsProjection()], { batchSize: 100, clock, log });

    const statuses = await runtime.catchUp();

    expect(statuses.find((s) => s.name === broken.name)).toMatchObject({
      position: 4n,
      state: 'failed',
      error: expect.stringMatching(new RegExp(`^projection ${broken.name} v1 failed on event poison at position 5: `)),
    });
    // Its stream and id, which /ready does not show, in the service log.
    expect(errors).toEqual([
      expect.stringContaining(`(id ${poisonId}) in stream bad-1 at position 5: synthetic: cannot fold poison`),
    ]);
    expect(seen(db, broken.name)).toEqual([0, 1, 2, 3, 4]);
    // The checkpoint committed with the rows: a crash now resumes after event 4, applying nothing twice.
    expect(db.prepare('SELECT position, state FROM projection_checkpoints WHERE name = ?').get(broken.name)).toEqual({
      position: 4,
      state: 'failed',
    });
    expect(statuses.find((s) => s.name === 'stream_totals')).toMatchObject({ position: 9n, state: 'live' });

    // A release that can fold it, once the retry is due: it goes on from the poison, not from 0.
    poisonReadable = true;
    now += 60_000;
    const recovered = await runtime.catchUp();
    expect(recovered.find((s) => s.name === broken.name)).toMatchObject({ position: 9n, state: 'live' });
    expect(seen(db, broken.name)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('applies a batch one event at a time when only the whole batch fails, and says so', async () => {
    const warnings: string[] = [];
    const log = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: string) => void warnings.push(message),
    };
    const onlyOneAtATime: ProjectionDefinition = {
      ...batched,
      name: 'one_at_a_time',
      applyBatch(db, events) {
        if (events.length > 1) throw new Error('synthetic: a batch of more than one');
        folded(db, events);
      },
    };
    poisonReadable = true;
    const db = fixture.open();

    const [status] = await fixture.runtime(db, [onlyOneAtATime], { batchSize: 100, log }).catchUp();

    expect(status).toMatchObject({ position: 9n, state: 'live' });
    expect(seen(db, 'one_at_a_time')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(warnings).toEqual([expect.stringMatching(/one_at_a_time v1 .*synthetic: a batch of more than one/)]);
  });
});
