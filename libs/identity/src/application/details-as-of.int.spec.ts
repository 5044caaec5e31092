import { randomUUID } from 'node:crypto';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { PERSON_INDEX, personIndexProjection } from '../projections';
import { PersonIndexQuery } from './person-index.query';

const AT = '2024-06-03T10:00:00.000Z';
const ACTOR = { id: 'u-1', name: 'Synthetic Coordinator', agency: 'Police', roles: ['coordinator'] };
const HOME = { forenames: 'Elowen', surname: 'Syntheticson', aliases: [], identifiers: {}, address: '14 Home Street' };

/**
 * A disclosure opens each record as it stood when the disclosure was made: the person index keeps
 * the details every change replaced, on the person's registration (through her case) and on a
 * record a referral linked to her alike. An older version of the index kept none: it cannot say.
 */
describe('a record as it stood earlier in the log', () => {
  let fixture: ReadModelFixture;
  beforeEach(() => {
    fixture = new ReadModelFixture();
  });
  afterEach(() => fixture.cleanUp());

  const record = async (stream: string, type: string, data: object): Promise<number> => {
    const metadata = { actor: ACTOR, correlationId: 'c', causationId: 'c', occurredAt: AT, recordedAt: AT };
    const { position } = await fixture.store.append(
      stream,
      [{ id: randomUUID(), type, data, metadata: { ...metadata, schemaVersion: 1 } }],
      { expected: 'any' },
    );
    return Number(position);
  };
  /** Her registration and a MARAC record linked to her, each moved to a refuge later, and where. */
  const herHistory = async () => {
    const registered = await record('person-elowen', 'person-registered', { personId: 'elowen', details: HOME });
    const linked = await record('identity-elowen', 'person-record-linked', {
      personId: 'elowen',
      recordId: 'marac-record',
      details: { ...HOME, address: '9 Linked Road' },
      score: 20,
      levels: {},
      identifierAgreement: false,
      occurredAt: AT,
    });
    const moved = await record('person-elowen', 'person-details-recorded', {
      changes: { address: '1 Refuge Lane' },
      occurredAt: AT,
    });
    const movedAgain = await record('person-elowen', 'person-details-recorded', {
      changes: { address: '2 Refuge Lane', language: 'Polish' },
      occurredAt: AT,
    });
    const linkedMoved = await record('identity-elowen', 'person-record-details-recorded', {
      personId: 'elowen',
      recordId: 'marac-record',
      changes: { address: '3 Refuge Lane' },
      occurredAt: AT,
    });
    return { registered, linked, moved, movedAgain, linkedMoved };
  };
  const addressesAt = (index: PersonIndexQuery, position: number) =>
    (index.person('elowen')?.records ?? []).map((r) => {
      const then = index.asOf(r, position);
      return then === undefined ? undefined : [then.details.address, then.detailsPosition];
    });

  it('is its details then, and where they were recorded, through every change since', async () => {
    const at = await herHistory();
    const db = fixture.open();
    await fixture.runtime(db, [personIndexProjection]).catchUp();
    const index = new PersonIndexQuery(new ReadModelDatabase(db));

    expect(addressesAt(index, at.registered)).toEqual([['14 Home Street', at.registered], undefined]);
    expect(addressesAt(index, at.linked)).toEqual([
      ['14 Home Street', at.registered],
      ['9 Linked Road', at.linked],
    ]);
    expect(addressesAt(index, at.moved)).toEqual([
      ['1 Refuge Lane', at.moved],
      ['9 Linked Road', at.linked],
    ]);
    expect(addressesAt(index, at.linkedMoved)).toEqual([
      ['2 Refuge Lane', at.movedAgain],
      ['3 Refuge Lane', at.linkedMoved],
    ]);
    const before = index.asOf(index.person('elowen')!.records[0]!, at.moved);
    expect(before?.details).toEqual({ ...HOME, address: '1 Refuge Lane' });
    expect(index.person('elowen')?.records[0]?.details.language).toBe('Polish');
  });

  it('cannot be told while an older version answers, which kept no earlier details', async () => {
    const at = await herHistory();
    const db = fixture.open();
    const previous: ProjectionDefinition = { ...personIndexProjection, version: personIndexProjection.version - 1 };
    await fixture.runtime(db, [previous]).catchUp();
    db.exec(`DROP TABLE ${qualifiedName(PERSON_INDEX, previous.version, 'details_before')}`);
    fixture.runtime(db, [personIndexProjection]).initialise();
    const index = new PersonIndexQuery(new ReadModelDatabase(db));

    // What each holds now is what it held at the head; before a change, nothing can be said.
    expect(addressesAt(index, at.linkedMoved)).toEqual([
      ['2 Refuge Lane', at.movedAgain],
      ['3 Refuge Lane', at.linkedMoved],
    ]);
    expect(addressesAt(index, at.linked)).toEqual([undefined, undefined]);
  });
});
