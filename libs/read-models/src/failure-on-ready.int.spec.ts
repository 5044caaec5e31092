import { anEvent, someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import { ReadModelFixture } from './testing/read-model-fixture';

/**
 * `/ready` answers without a login, and a stream's name carries the person or case it is about.
 * When a projection cannot fold an event, `/ready` says enough for an operator to act (which
 * projection, where in the log, what kind of event) and the service log, which only operators
 * read, names the event's stream and id and the error in full.
 */

// Synthetic ids only.
const PERSON_STREAM = 'person-3f0c2a6e-8d1b-4c5e-9a7f-2b6d8e4c1a90';
/** What the projection's error says: it may quote what the event holds. */
const CAUSE = 'no panel for referral of Demelza Kitto';

const broken: ProjectionDefinition = {
  name: 'panel_names',
  version: 1,
  migrate: (db) => db.exec(`CREATE TABLE ${db.table('seen')} (position INTEGER PRIMARY KEY)`),
  apply(db, event) {
    if (event.type === 'person-registered') throw new TypeError(CAUSE);
    db.prepare(`INSERT INTO ${db.table('seen')} (position) VALUES (?)`).run(event.position);
  },
};

let fixture: ReadModelFixture;
let eventId: string;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await fixture.store.append('ledger-1', someEvents(2, 'amount-recorded'), { expected: 'no-stream' });
  const event = anEvent({ type: 'person-registered' });
  eventId = event.id;
  await fixture.store.append(PERSON_STREAM, [event], { expected: 'no-stream' });
});
afterEach(() => fixture.cleanUp());

const NARROW =
  'projection panel_names v1 failed on event person-registered at position 2: TypeError (its message is in the ' +
  "service log); the service log names the event's stream and id";

describe('a projection that cannot fold an event, as /ready and the service log tell it', () => {
  it('names in /ready the projection, the position and the event type; in the log, the stream, the id and the cause', async () => {
    const errors: string[] = [];
    const log = { log: () => undefined, warn: () => undefined, error: (message: string) => void errors.push(message) };
    const runtime = fixture.runtime(fixture.open(), [broken], { log });
    await runtime.catchUp();

    const [lag] = await runtime.lag(await fixture.store.headPosition());

    expect(lag).toMatchObject({ name: 'panel_names', position: '1', state: 'failed', error: NARROW });
    expect(JSON.stringify(lag)).not.toMatch(new RegExp(`${PERSON_STREAM}|${eventId}|Demelza`));
    expect(errors).toEqual([
      expect.stringContaining(`(id ${eventId}) in stream ${PERSON_STREAM} at position 2: ${CAUSE}`),
    ]);
  });

  it('says no more after a restart, when the error is read back from the read-model file', async () => {
    await fixture.runtime(fixture.open(), [broken]).catchUp();

    const restarted = fixture.runtime(fixture.open(), [broken]);
    restarted.initialise();
    const [lag] = await restarted.lag(await fixture.store.headPosition());

    expect(lag).toMatchObject({ state: 'failed', error: NARROW });
  });
});
