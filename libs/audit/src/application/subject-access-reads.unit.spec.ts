import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { AuditTrailQuery, TrailPerson } from '../projections/audit-trail.query';
import type { TrailItem } from '../projections/trail-items';
import { personIndexUnseen } from './person-index-unseen.testing';
import { SubjectAccessService } from './subject-access.service';

/** A MARAC member asked for MARAC content: these specs are about what is theirs, not redaction. */
const MARAC_RELEASED: ReadonlySet<string> = new Set(['MARAC']);

const actor = { id: 'u-1', name: 'Synthetic Reviewer', agency: 'Council' };
const event = (stream: string, revision: number, type: string, data: unknown): RecordedEvent => ({
  id: `${stream}-${revision}`,
  stream,
  revision: BigInt(revision),
  position: BigInt(revision),
  type,
  data,
  metadata: { recordedAt: '2024-06-01T00:00:00Z', actor } as unknown as RecordedEvent['metadata'],
});
const item = (e: RecordedEvent, action: string): TrailItem => ({
  position: e.position.toString(),
  at: '2024-06-01T00:00:00Z',
  actor,
  action,
  kind: 'write',
  caseIds: [],
  personIds: ['p-1'],
  stream: e.stream,
  revision: Number(e.revision),
  eventId: e.id,
});

/** On EventStoreDB each stream read is a round trip: a report reads each stream once, not once per event. */
describe('SubjectAccessService reads', () => {
  it('reads a match review’s stream once for all its events, and a disclosure stream once for its decisions', async () => {
    const review = 'personmatch-r-1';
    const decisions = 'disclosure-d';
    const events = [
      event(review, 0, 'match-proposed', { personIds: ['p-1', 'p-1b'] }),
      event(review, 1, 'match-rejected', { personIds: ['p-1', 'p-1b'], reason: 'x' }),
      event(review, 2, 'match-reopened', { personIds: ['p-1', 'p-1b'], reason: 'y' }),
      event(decisions, 0, 'information-withheld', { personId: 'p-1' }),
      event(decisions, 1, 'information-shared', { personId: 'p-1' }),
    ];
    const reads: string[] = [];
    const store = {
      readStream: async (stream: string, options: { from?: bigint; maxCount?: number } = {}) => {
        reads.push(stream);
        const from = options.from ?? 0n;
        const found = events.filter((e) => e.stream === stream && e.revision >= from);
        return found.slice(0, options.maxCount ?? found.length);
      },
    } as unknown as EventStore;
    const trail = {
      known: () => ({ ids: ['p-1'], now: undefined }),
      page: () => ({ items: events.map((e) => item(e, e.type)) }),
      casesOf: () => [],
      panelsOf: () => new Map(),
    } as unknown as AuditTrailQuery;

    const report = await new SubjectAccessService(store, trail, personIndexUnseen).report(
      'p-1',
      '2024-06-02T00:00:00Z',
      MARAC_RELEASED,
    );

    expect(report.person.events.map((e) => e.type)).toEqual(['match-proposed', 'match-rejected', 'match-reopened']);
    expect(report.disclosures.map((d) => d.data)).toEqual([{ personId: 'p-1' }, { personId: 'p-1' }]);
    expect(reads.sort()).toEqual([decisions, review]);
  });
});

/** Each holder is a person index query: a case read a hundred times is asked about once. */
describe('SubjectAccessService holders', () => {
  it('asks who holds a case once however many reads of it the trail has', async () => {
    const referral = event('case-c-1', 0, 'referral-made', { caseId: 'c-1', personId: 'p-1' });
    const read = (position: number): TrailItem => ({
      ...item({ ...referral, position: BigInt(position) }, 'case-viewed'),
      kind: 'read',
      caseId: 'c-1',
      caseIds: ['c-1'],
    });
    const asked: string[] = [];
    const store = { readStream: async () => [referral] } as unknown as EventStore;
    const trail = {
      known: () => ({ ids: ['p-1'], now: undefined }),
      page: () => ({ items: [read(1), read(2), read(3)] }),
      casesOf: () => [{ caseId: 'c-1', panel: 'IOM', role: 'subject' }],
      holderOf: (caseId: string) => (asked.push(caseId), 'p-1'),
      panelsOf: () => new Map(),
    } as unknown as AuditTrailQuery;

    const report = await new SubjectAccessService(store, trail, personIndexUnseen).report(
      'p-1',
      '2024-06-02T00:00:00Z',
      MARAC_RELEASED,
    );

    expect(report.reads).toHaveLength(3);
    expect(asked).toEqual(['c-1']);
  });
});

/** The person index is read once per report: every page of the person's trail is asked with the ids it gave. */
describe('SubjectAccessService person index', () => {
  it('reads who the person is once and pages their trail with those ids', async () => {
    const referral = event('person-p-1', 0, 'person-registered', { personId: 'p-1' });
    const looked: string[] = [];
    const paged: (TrailPerson | undefined)[] = [];
    const store = { readStream: async () => [referral] } as unknown as EventStore;
    const trail = {
      known: (personId: string) => (looked.push(personId), { ids: ['p-1', 'p-0'], now: undefined }),
      page: (filter: { after?: bigint }, person?: TrailPerson) => {
        paged.push(person);
        return filter.after === undefined ? { items: [item(referral, 'person-registered')], next: '0' } : { items: [] };
      },
      casesOf: () => [],
      panelsOf: () => new Map(),
    } as unknown as AuditTrailQuery;

    await new SubjectAccessService(store, trail, personIndexUnseen).report(
      'p-1',
      '2024-06-02T00:00:00Z',
      MARAC_RELEASED,
    );

    expect(looked).toEqual(['p-1']);
    // As the referrals named them: the report decides by the person index itself which cases are theirs.
    expect(paged).toEqual([{ ids: ['p-1', 'p-0'] }, { ids: ['p-1', 'p-0'] }]);
  });
});
