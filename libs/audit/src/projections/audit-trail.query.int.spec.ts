import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../../event-store/src/port/event-envelope';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQuery, type TrailFilter, type TrailItem } from './audit-trail.query';

const COORDINATOR = { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Metropolitan Police', roles: [] };
const ADVOCATE = { id: 'user-2', name: 'Synthetic Advocate', agency: 'IDVA Service', roles: [] };

let fixture: ReadModelFixture;
let trail: AuditTrailQuery;
let clock = Date.UTC(2024, 4, 1, 9);

async function record(stream: string, type: string, data: object, actor = COORDINATOR, occurredAt?: string) {
  clock += 60_000;
  const recordedAt = new Date(clock).toISOString();
  const metadata: EventMetadata = {
    actor,
    correlationId: `corr-${clock}`,
    causationId: `corr-${clock}`,
    occurredAt: occurredAt ?? recordedAt,
    recordedAt,
    schemaVersion: 1,
  };
  await fixture.store.append(stream, [{ id: randomUUID(), type, data, metadata }], { expected: 'any' });
}

beforeAll(async () => {
  fixture = new ReadModelFixture();
  // 0: a meeting lists case c1 before anyone is referred on it
  await record('meeting-m1', 'meeting-case-listed', { caseId: 'c1' });
  // 1: the referral names the victim and the perpetrator
  await record('case-c1', 'referral-made', {
    caseId: 'c1',
    panelCode: 'MARAC',
    personId: 'victim',
    perpetratorPersonId: 'perpetrator',
  });
  // 2: a case event naming nobody, back-dated
  await record('case-c1', 'risk-rated', { rating: 'high' }, ADVOCATE, '2024-04-30T09:00:00.000Z');
  // 3: a view of the case that listed no one
  await record('audit-2024-05-01', 'case-viewed', { purpose: 'safety planning', caseIds: ['c1'], personIds: [] });
  // 4: a search that listed two people and no case
  await record(
    'audit-2024-05-01',
    'search',
    { caseIds: [], personIds: ['zed', 'victim', 'zed'], parameters: { q: 'synthetic' }, resultCount: 2 },
    ADVOCATE,
  );
  // 5: someone else's case
  await record('case-c2', 'referral-made', { caseId: 'c2', panelCode: 'IOM', personId: 'zed' });
  // 6: a person-key claim is no trail entry
  await record('personkey-k1', 'person-key-claimed', { personId: 'victim' });
  // 7-10: a case referred for one person, viewed through her and as hers, then split off her to another
  await record('case-c4', 'referral-made', { caseId: 'c4', panelCode: 'IOM', personId: 'linked' }, ADVOCATE);
  await record('audit-2024-05-01', 'person-viewed', { purpose: 'review', caseIds: ['c4'], personIds: ['linked'] });
  await record('identity-linked', 'person-split', { personId: 'linked', intoPersonId: 'split-off', caseIds: ['c4'] });
  await record('audit-2024-05-01', 'case-viewed', {
    purpose: 'review',
    caseIds: ['c4'],
    personIds: ['linked'],
    caseSubjects: { c4: 'linked' },
  });
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  trail = new AuditTrailQuery(new ReadModelDatabase(db));
});
afterAll(() => fixture.cleanUp());

const positions = (filter: Omit<TrailFilter, 'limit'>): string[] =>
  trail.page({ ...filter, limit: 100 }).items.map((item) => item.position);

const entryAt = (position: string): TrailItem | undefined =>
  trail.page({ limit: 100 }).items.find((item) => item.position === position);

describe('the audit trail by person', () => {
  it('finds a person through the case they were referred on, from the referral on', () => {
    expect(positions({ personId: 'victim' })).toEqual(['1', '2', '3', '4']);
    expect(positions({ personId: 'perpetrator' })).toEqual(['1', '2', '3']);
    // The case's subject, not the first of its people by id.
    expect(entryAt('2')).toMatchObject({
      caseId: 'c1',
      personId: 'victim',
      caseIds: ['c1'],
      personIds: ['perpetrator', 'victim'],
      kind: 'write',
      stream: 'case-c1',
      occurredAt: '2024-04-30T09:00:00.000Z',
    });
  });

  it('finds a person through a read that listed them, with the ids in the order the read named them', () => {
    expect(positions({ personId: 'zed' })).toEqual(['4', '5']);
    expect(entryAt('4')).toMatchObject({
      kind: 'read',
      personId: 'zed',
      caseIds: [],
      personIds: ['zed', 'victim'],
      parameters: { q: 'synthetic' },
      resultCount: 2,
    });
    expect(entryAt('4')).not.toHaveProperty('occurredAt');
  });

  it('combines a person with a case, an actor, an agency and actions', () => {
    expect(positions({ personId: 'victim', caseId: 'c1' })).toEqual(['1', '2', '3']);
    expect(positions({ caseId: 'c1' })).toEqual(['0', '1', '2', '3']);
    expect(positions({ personId: 'victim', actions: ['case-viewed', 'search'] })).toEqual(['3', '4']);
    expect(positions({ personId: 'victim', actor: 'user-2' })).toEqual(['2', '4']);
    expect(positions({ agency: 'Metropolitan Police', actions: ['referral-made'] })).toEqual(['1', '5']);
    expect(positions({ personId: 'nobody' })).toEqual([]);
  });

  it('pages in log order with next as the cursor', () => {
    const first = trail.page({ personId: 'victim', limit: 3 });
    expect(first.items.map((item) => item.position)).toEqual(['1', '2', '3']);
    expect(first.next).toBe('3');
    const rest = trail.page({ personId: 'victim', limit: 3, after: 3n });
    expect(rest.items.map((item) => item.position)).toEqual(['4']);
    expect(rest.next).toBeUndefined();
  });

  it('follows the cases the person index gives: all of theirs, of others only what is about the person', () => {
    const heldBy = (ids: string[], cases: string[]) =>
      trail.page({ personId: ids[0], limit: 100 }, { ids, cases }).items.map((item) => item.position);
    // As referred, the case is the person's it was referred for.
    expect(positions({ personId: 'linked' })).toEqual(['7', '8', '9', '10']);
    expect(positions({ personId: 'split-off' })).toEqual(['9']);
    // Moved: its referral and the views of it as hers go with it; a view of her and her split stay.
    expect(heldBy(['linked'], [])).toEqual(['8', '9']);
    expect(heldBy(['split-off'], ['c4'])).toEqual(['7', '8', '9', '10']);
    // A case from its referral on (the meeting listed it before), a person's entries of no case, and
    // none of a case not given, though referred for them.
    expect(heldBy(['zed'], ['c1'])).toEqual(['1', '2', '3', '4']);
  });

  it('takes the subject of its case as the person of a case view that listed no one', () => {
    expect(entryAt('3')).toMatchObject({ caseId: 'c1', personId: 'victim' });
    expect(entryAt('0')).not.toHaveProperty('personId');
  });

  it("lists a person's cases with their panels and whether the case is about them", () => {
    expect(trail.casesOf(['perpetrator'])).toEqual([{ caseId: 'c1', panel: 'MARAC', role: 'named' }]);
    expect(trail.casesOf(['victim', 'zed'])).toEqual([
      { caseId: 'c1', panel: 'MARAC', role: 'subject' },
      { caseId: 'c2', panel: 'IOM', role: 'subject' },
    ]);
    expect(trail.panelsOf(['c1', 'c2', 'c3'])).toEqual(
      new Map([
        ['c1', 'MARAC'],
        ['c2', 'IOM'],
      ]),
    );
  });
});

describe('the audit trail after a version bump', () => {
  it('tells whether the version answering queries is the one the queries are written for', async () => {
    const older = new ReadModelFixture();
    try {
      const db = older.open();
      const previous = { name: auditTrailProjection.name, version: auditTrailProjection.version - 1 };
      await older.runtime(db, [{ ...previous, migrate: () => undefined, apply: () => undefined }]).catchUp();
      expect(new AuditTrailQuery(new ReadModelDatabase(db)).isCurrent()).toBe(false);
    } finally {
      await older.cleanUp();
    }
    expect(trail.isCurrent()).toBe(true);
  });
});
