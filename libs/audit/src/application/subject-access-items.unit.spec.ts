import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { AuditTrailQuery, HeldNow } from '../projections/audit-trail.query';
import type { TrailItem } from '../projections/trail-items';
import { personIndexUnseen } from './person-index-unseen.testing';
import { SubjectAccessService } from './subject-access.service';

/** A MARAC member asked for MARAC content: these specs are about what is theirs, not redaction. */
const MARAC_RELEASED: ReadonlySet<string> = new Set(['MARAC']);

const actor = { id: 'u-1', name: 'Synthetic Coordinator', agency: 'Council' };
/** Two cases referred for one man; a split has since moved `c-moved` to his brother. */
const FIRST = 'p-first';
const BROTHER = 'p-brother';
const holders: Record<string, string> = { 'c-first': FIRST, 'c-moved': BROTHER };

/** His person view made while he held both cases, listing them in the order the view gave. */
const personView = (caseIds: string[]): TrailItem => ({
  position: '7',
  at: '2024-06-01T00:00:00Z',
  actor,
  action: 'person-viewed',
  kind: 'read',
  caseId: caseIds[0] as string,
  personId: FIRST,
  purpose: 'case review',
  caseIds,
  personIds: [FIRST],
  stream: 'audit-2024-06-01',
  revision: 0,
  eventId: 'read-1',
  pathParameters: { personId: FIRST },
});

const referral = (caseId: string): RecordedEvent =>
  ({
    id: caseId,
    stream: `case-${caseId}`,
    revision: 0n,
    position: 1n,
    type: 'referral-made',
    data: { caseId, personId: FIRST },
    metadata: { recordedAt: '2024-05-01T00:00:00Z', actor },
  }) as unknown as RecordedEvent;

const reportOf = (personId: string, view: TrailItem) => {
  const store = {
    readStream: async (stream: string) => [referral(stream.slice('case-'.length))],
  } as unknown as EventStore;
  const own = Object.keys(holders).filter((caseId) => holders[caseId] === personId);
  const now: HeldNow = {
    about: new Map(own.map((caseId) => [caseId, 'IOM'])),
    namedOn: new Map(),
    recordsAt: new Map(),
    unclaimed: new Set(),
  };
  const trail = {
    known: () => ({ ids: [personId], now }),
    casesOf: () => own.map((caseId) => ({ caseId, panel: 'IOM', role: 'subject' })),
    holderOf: (caseId: string) => holders[caseId],
    page: () => ({ items: [view] }),
    panelsOf: () => new Map(),
  } as unknown as AuditTrailQuery;
  return new SubjectAccessService(store, trail, personIndexUnseen).report(
    personId,
    '2024-06-02T00:00:00Z',
    MARAC_RELEASED,
  );
};

/** Which case a view lists first is an accident of ids; what the report shows must not depend on it. */
describe.each([[['c-first', 'c-moved']], [['c-moved', 'c-first']]])('a person view listing %j', (caseIds) => {
  it('gives the view to the person viewed, with only the cases he holds now', async () => {
    const { reads } = await reportOf(FIRST, personView(caseIds));
    expect(reads).toEqual([
      expect.objectContaining({ action: 'person-viewed', caseId: 'c-first', caseIds: ['c-first'], personId: FIRST }),
    ]);
    expect(JSON.stringify(reads)).not.toContain('c-moved');
  });

  it('does not give the brother a view of another person’s record', async () => {
    const { reads } = await reportOf(BROTHER, personView(caseIds));
    expect(reads).toEqual([]);
  });
});
