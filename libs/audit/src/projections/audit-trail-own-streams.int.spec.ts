import { randomUUID } from 'node:crypto';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQuery } from './audit-trail.query';

const COORDINATOR = { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Metropolitan Police', roles: [] };
const AT = '2024-05-01T09:00:00.000Z';

let fixture: ReadModelFixture;
let trail: AuditTrailQuery;

async function record(stream: string, type: string, data: object) {
  const metadata = {
    actor: COORDINATOR,
    correlationId: 'corr-1',
    causationId: 'corr-1',
    occurredAt: AT,
    recordedAt: AT,
  };
  await fixture.store.append(stream, [{ id: randomUUID(), type, data, metadata: { ...metadata, schemaVersion: 1 } }], {
    expected: 'any',
  });
}

/**
 * Disclosures and meetings are written on streams of their own. A revocation recorded before it
 * named its entry's case and person, and a cancelled meeting (whose event names no case), are
 * filed under what their stream's earlier events named: the disclosure's case and person, the
 * meeting's agenda. A meeting held is filed under the cases it discussed.
 */
beforeAll(async () => {
  fixture = new ReadModelFixture();
  // 0, 1
  await record('case-c1', 'referral-made', { caseId: 'c1', panelCode: 'MARAC', personId: 'p1' });
  await record('case-c2', 'referral-made', { caseId: 'c2', panelCode: 'MARAC', personId: 'p2' });
  // 2, 3: a revocation as recorded before it named the entry's case and person
  await record('disclosure-d1', 'information-shared', { disclosureId: 'd1', caseId: 'c1', personId: 'p1' });
  await record('disclosure-d1', 'disclosure-revoked', {
    disclosureId: 'd1',
    reason: 'Consent withdrawn',
    occurredAt: AT,
  });
  // 4 - 7: both cases listed, one discussed
  await record('meeting-m1', 'meeting-scheduled', { meetingId: 'm1', panelCode: 'MARAC', scheduledFor: AT });
  await record('meeting-m1', 'meeting-case-listed', { caseId: 'c1', agencyRequests: [], occurredAt: AT });
  await record('meeting-m1', 'meeting-case-listed', { caseId: 'c2', agencyRequests: [], occurredAt: AT });
  await record('meeting-m1', 'meeting-held', { attendance: [], casesDiscussed: ['c1'], occurredAt: AT });
  // 8, 9: called off with c2 on its agenda
  await record('meeting-m2', 'meeting-case-listed', { caseId: 'c2', agencyRequests: [], occurredAt: AT });
  await record('meeting-m2', 'meeting-cancelled', { reason: 'Chair unavailable', occurredAt: AT });
  // 10, 11: a decision about a person alone, revoked as it is recorded now
  await record('disclosure-d2', 'information-shared', { disclosureId: 'd2', caseId: null, personId: 'p2' });
  await record('disclosure-d2', 'disclosure-revoked', {
    disclosureId: 'd2',
    caseId: null,
    personId: 'p2',
    reason: 'Shared in error',
    occurredAt: AT,
  });
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  trail = new AuditTrailQuery(new ReadModelDatabase(db));
});
afterAll(() => fixture.cleanUp());

const positions = (filter: { personId?: string; caseId?: string }): string[] =>
  trail.page({ ...filter, limit: 100 }).items.map((item) => item.position);

describe("the audit trail of writes on a disclosure's or a meeting's stream", () => {
  it("files a revocation naming nothing under its disclosure's case and person", () => {
    expect(positions({ caseId: 'c1' })).toContain('3');
    expect(positions({ personId: 'p1' })).toContain('3');
    expect(trail.page({ after: 2n, limit: 1 }).items[0]).toMatchObject({
      action: 'disclosure-revoked',
      caseId: 'c1',
      personId: 'p1',
      caseIds: ['c1'],
    });
  });

  it('files a meeting held under the cases it discussed, not those only listed', () => {
    expect(positions({ caseId: 'c1' })).toEqual(['0', '2', '3', '5', '7']);
    expect(positions({ personId: 'p1' })).toEqual(['0', '2', '3', '5', '7']);
    expect(trail.page({ after: 6n, limit: 1 }).items[0]).toMatchObject({ action: 'meeting-held', caseIds: ['c1'] });
  });

  it("files a cancelled meeting under the cases of its agenda, and a person's revocation under her", () => {
    expect(positions({ caseId: 'c2' })).toEqual(['1', '6', '8', '9']);
    expect(positions({ personId: 'p2' })).toEqual(['1', '6', '8', '9', '10', '11']);
  });
});
