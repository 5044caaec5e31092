import Database from 'better-sqlite3';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { saveEligibility, stillEligible, type Evidence, type PeopleNow } from './cohort-eligibility';
import { cohortProjection } from './cohort.projection';

/**
 * Evidence is recorded under whichever id stood for the person then: the referral's, or the one
 * the upload matched that month. After merges the person is all of them, and the latest word wins.
 */
describe('stillEligible: the latest eligibility evidence over every id standing for the person', () => {
  let connection: Database.Database;
  let tables: VersionedProjectionDatabase;
  beforeEach(() => {
    connection = new Database(':memory:');
    tables = new VersionedProjectionDatabase(connection, cohortProjection.name, cohortProjection.version);
    cohortProjection.migrate(tables);
  });
  afterEach(() => connection.close());

  const rejection = { case_id: 'case-1', person_id: 'referred-as' };
  /** The case is about `survivor` now; `members` stand for them (merged in). */
  const mergedInto = (survivor: string, members: string[]): PeopleNow => ({
    personOfCase: () => survivor,
    idsOf: (personId) => (personId === survivor ? [survivor, ...members] : [personId]),
  });
  const recorded = (...evidence: Evidence[]) => saveEligibility(tables, [], evidence);
  const kept = (people: PeopleNow) => stillEligible([rejection], connection, tables, people).length === 1;

  it('drops the case when an upload under a merged-in id later found the person not eligible', () => {
    recorded(
      { personId: 'referred-as', eligible: true, position: 10 },
      { personId: 'uploaded-as', eligible: false, position: 20 },
    );
    expect(kept(mergedInto('survivor', ['referred-as', 'uploaded-as']))).toBe(false);
    // Before the merge the upload's id was someone else, whose standing says nothing of this person.
    expect(kept(mergedInto('referred-as', []))).toBe(true);
  });

  it('keeps it when the latest word, under any of the ids, is eligible; and with no word at all', () => {
    recorded(
      { personId: 'uploaded-as', eligible: false, position: 20 },
      { personId: 'survivor', eligible: true, position: 30 },
    );
    expect(kept(mergedInto('survivor', ['referred-as', 'uploaded-as']))).toBe(true);
    expect(kept(mergedInto('nobody-known', []))).toBe(true);
  });

  it('keeps the later word whatever order a batch saves them in', () => {
    recorded({ personId: 'referred-as', eligible: false, position: 40 });
    recorded({ personId: 'referred-as', eligible: true, position: 35 });
    expect(kept(mergedInto('referred-as', []))).toBe(false);
  });
});
