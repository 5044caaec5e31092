import { randomUUID } from 'node:crypto';
import { ReadModelFixture } from '../../../../read-models/src/testing/read-model-fixture';
import { ReadModelDatabase } from '../../../../read-models/src/read-model-database';
import { PersonIndexQuery } from '../../application/person-index.query';
import { personIndexProjection } from '../person-index.projection';

const ACTOR = { id: 'u-1', name: 'Synthetic Coordinator', agency: 'Police', roles: ['coordinator'] };

/**
 * A fresh log per test, every event sent under one correlation id (a front-end that traces a
 * whole session under one X-Correlation-Id), each stamped with the server clock of its request,
 * and the panel the person index gives each of a person's records once it has read the log.
 */
export function personIndexLog(correlationId: string) {
  let fixture: ReadModelFixture;
  beforeEach(() => {
    fixture = new ReadModelFixture();
  });
  afterEach(() => fixture.cleanUp());
  const caughtUp = async (): Promise<ReadModelDatabase> => {
    const db = fixture.open();
    await fixture.runtime(db, [personIndexProjection]).catchUp();
    return new ReadModelDatabase(db);
  };

  return {
    record: (stream: string, type: string, data: object, recordedAt: string) =>
      fixture.store.append(
        stream,
        [
          {
            id: randomUUID(),
            type,
            data,
            metadata: {
              actor: ACTOR,
              correlationId,
              causationId: correlationId,
              occurredAt: recordedAt,
              recordedAt,
              schemaVersion: 1,
            },
          },
        ],
        { expected: 'any' },
      ),
    /** The read models once the person index has read the log (indexes built, as when live). */
    caughtUp,
    panelsOf: async (personId: string): Promise<Record<string, string | null>> => {
      const person = new PersonIndexQuery(await caughtUp()).person(personId);
      return Object.fromEntries((person?.records ?? []).map((r) => [r.recordId, r.sourcePanel]));
    },
  };
}
