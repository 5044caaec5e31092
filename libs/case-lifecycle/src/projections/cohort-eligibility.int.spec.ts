import type Database from 'better-sqlite3';
import { emptyCohortTables } from './testing/cohort-tables';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { saveEligibility, stillEligible, type PeopleNow } from './cohort-eligibility';

/**
 * An upload's evidence is recorded under whichever id it matched that month; a case's goes with
 * the case. After merges the person is all of them, and the latest word wins.
 */
describe('stillEligible: the latest eligibility evidence over every id standing for the person', () => {
  let connection: Database.Database;
  let tables: VersionedProjectionDatabase;
  beforeEach(() => ({ connection, tables } = emptyCohortTables()));
  afterEach(() => connection.close());

  const rejection = { case_id: 'case-1', person_id: 'referred-as' };
  /** The case is about `survivor` now; `members` stand for them (merged in). */
  const mergedInto = (survivor: string, members: string[]): PeopleNow => ({
    personOfCase: () => survivor,
    idsOf: (personId) => (personId === survivor ? [survivor, ...members] : [personId]),
  });
  /** The case's own word (a re-assessment), at `position`. */
  const onCase = (eligible: boolean, position: number) =>
    saveEligibility(
      tables,
      [],
      [{ caseId: 'case-1', personId: 'referred-as', track: 'own', month: null, eligible, position }],
    );
  /** A completed April upload's word on `personId`, completing at `position`. */
  const uploaded = (personId: string, eligible: boolean, position: number) => {
    const data = { month: '2024-04', fileDigest: `file-${position}`, people: [{ personId, eligible, outcome: 'new' }] };
    const event = (type: string, at: number) =>
      ({ stream: 'iomimport-2024-04', type, data, position: BigInt(at) }) as unknown as RecordedEvent;
    saveEligibility(
      tables,
      [event('iom-cohort-batch-imported', position - 1), event('iom-cohort-file-imported', position)],
      [],
    );
  };
  const kept = (people: PeopleNow) => stillEligible([rejection], connection, tables, people).length === 1;

  it('drops the case when an upload under a merged-in id later found the person not eligible', () => {
    onCase(true, 10);
    uploaded('uploaded-as', false, 20);
    expect(kept(mergedInto('survivor', ['referred-as', 'uploaded-as']))).toBe(false);
    // Before the merge the upload's id was someone else, whose standing says nothing of this person.
    expect(kept(mergedInto('referred-as', []))).toBe(true);
  });

  it('keeps it when the latest word, under any of the ids, is eligible; and with no word at all', () => {
    uploaded('uploaded-as', false, 20);
    uploaded('survivor', true, 30);
    expect(kept(mergedInto('survivor', ['referred-as', 'uploaded-as']))).toBe(true);
    expect(kept(mergedInto('nobody-known', []))).toBe(true);
  });

  it('keeps the later word whatever order a batch saves them in', () => {
    onCase(false, 40);
    onCase(true, 35);
    expect(kept(mergedInto('referred-as', []))).toBe(false);
    // The case's word against an upload's: the later in the log.
    uploaded('referred-as', true, 50);
    expect(kept(mergedInto('referred-as', []))).toBe(true);
    onCase(false, 60);
    expect(kept(mergedInto('referred-as', []))).toBe(false);
  });
});
