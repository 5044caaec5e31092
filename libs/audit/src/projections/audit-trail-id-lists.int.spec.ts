import { randomUUID } from 'node:crypto';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQuery } from './audit-trail.query';

const REVIEWER = { id: 'user-1', name: 'Synthetic Reviewer', agency: 'Probation', roles: [] };
const AT = '2024-05-01T09:00:00.000Z';

let fixture: ReadModelFixture;
let trail: AuditTrailQuery;

async function record(stream: string, type: string, data: object) {
  const metadata = { actor: REVIEWER, correlationId: 'corr-1', causationId: 'corr-1', occurredAt: AT, recordedAt: AT };
  await fixture.store.append(stream, [{ id: randomUUID(), type, data, metadata: { ...metadata, schemaVersion: 1 } }], {
    expected: 'any',
  });
}

/** Identity events name their people and cases in lists: a match names its pair, a split the cases it moves. */
beforeAll(async () => {
  fixture = new ReadModelFixture();
  // 0
  await record('personmatch-r1', 'match-confirmed', {
    proposalId: 'r1',
    personIds: ['person-a', 'person-b'],
    survivorId: 'person-a',
    mergedId: 'person-b',
    reason: 'same NHS number',
  });
  // 1
  await record('identity-person-a', 'person-split', {
    personId: 'person-a',
    intoPersonId: 'person-c',
    restored: false,
    recordIds: ['record-1'],
    caseIds: ['case-1', 'case-2'],
    reason: 'two people after all',
  });
  // 2: a view of the review, as the read interceptor records it
  await record('audit-2024-05-01', 'search', {
    caseIds: [],
    personIds: ['person-a', 'person-b'],
    pathParameters: { id: 'r1' },
  });
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  trail = new AuditTrailQuery(new ReadModelDatabase(db));
});
afterAll(() => fixture.cleanUp());

const positions = (filter: { personId?: string; caseId?: string }): string[] =>
  trail.page({ ...filter, limit: 100 }).items.map((item) => item.position);

describe('the audit trail of events that name ids in lists', () => {
  it("finds a match decision under each of the pair's people", () => {
    expect(positions({ personId: 'person-a' })).toEqual(['0', '1', '2']);
    expect(positions({ personId: 'person-b' })).toEqual(['0', '2']);
    expect(trail.page({ limit: 1 }).items[0]).toMatchObject({
      action: 'match-confirmed',
      personId: 'person-a',
      personIds: ['person-a', 'person-b'],
    });
  });

  it('finds a split under each case it moved', () => {
    expect(positions({ caseId: 'case-1' })).toEqual(['1']);
    expect(positions({ caseId: 'case-2' })).toEqual(['1']);
  });

  it('shows which review a read asked for', () => {
    expect(trail.page({ personId: 'person-b', limit: 100 }).items.at(-1)).toMatchObject({
      kind: 'read',
      personIds: ['person-a', 'person-b'],
      pathParameters: { id: 'r1' },
    });
  });
});
