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
  /** An instant that many minutes into an April morning: unless a test says otherwise, a word is true when recorded. */
  const minute = (n: number) => new Date(Date.UTC(2024, 3, 2, 9, n)).toISOString();
  /** The case's own word (a re-assessment, or a referral's evaluation), recorded at `position`, true at `at`. */
  const onCase = (eligible: boolean, position: number, at = minute(position), caseId = 'case-1') =>
    saveEligibility(
      tables,
      [],
      [{ caseId, personId: 'referred-as', track: 'own', month: null, eligible, position, at }],
    );
  /** A completed April upload's word on `personId`, completing at `position`, received at `at`. */
  const uploaded = (personId: string, eligible: boolean, position: number, at = minute(position)) => {
    const data = { month: '2024-04', fileDigest: `file-${position}`, people: [{ personId, eligible, outcome: 'new' }] };
    const event = (type: string, recorded: number) =>
      ({
        stream: 'iomimport-2024-04',
        type,
        data,
        position: BigInt(recorded),
        metadata: { occurredAt: at },
      }) as unknown as RecordedEvent;
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

  it("weighs a person's own words by when they were true: an older referral typed in later does not outweigh a newer one", () => {
    // October's referral, eligible; then August's paper referral, not eligible then, typed in after it.
    onCase(true, 10, '2024-10-16T10:00:00.000Z', 'october');
    onCase(false, 20, '2024-08-09T10:00:00.000Z', 'august');
    expect(kept(mergedInto('referred-as', []))).toBe(true);
    // A newer word, whenever it is typed in, is the latest.
    onCase(false, 30, '2024-11-01T10:00:00.000Z', 'november');
    expect(kept(mergedInto('referred-as', []))).toBe(false);
    // Of two true at one instant, the one recorded later.
    onCase(true, 40, '2024-11-01T10:00:00.000Z', 'same-instant');
    expect(kept(mergedInto('referred-as', []))).toBe(true);
  });

  it("weighs a case's own word against an upload's by when each was true: a back-dated referral does not outweigh a newer upload", () => {
    uploaded('referred-as', false, 10, '2024-10-05T09:00:00.000Z');
    // Recorded after the upload, but true in August, before it.
    onCase(true, 20, '2024-08-09T10:00:00.000Z', 'august');
    expect(kept(mergedInto('referred-as', []))).toBe(false);
    // True after the upload's receipt: it is the latest word.
    onCase(true, 30, '2024-10-16T10:00:00.000Z', 'october');
    expect(kept(mergedInto('referred-as', []))).toBe(true);
    // The upload received the same instant as the case's word was true, but recorded later.
    uploaded('referred-as', false, 40, '2024-10-16T10:00:00.000Z');
    expect(kept(mergedInto('referred-as', []))).toBe(false);
  });

  it("keeps a case's own word true latest, whatever order a batch saves the case's words in", () => {
    onCase(false, 20, '2024-08-09T10:00:00.000Z');
    onCase(true, 10, '2024-10-16T10:00:00.000Z');
    onCase(false, 30, '2024-09-01T10:00:00.000Z');
    expect(kept(mergedInto('referred-as', []))).toBe(true);
  });
});
