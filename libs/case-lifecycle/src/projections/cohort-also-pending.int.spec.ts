import Database from 'better-sqlite3';
import type { HeldCase } from '../../../identity/src/application/person-index.query';
import { alsoPendingBeside } from './cohort-also-pending';
import type { CohortRow } from './cohort-item';

const PANEL = 'IOM-NORTH';
const tables = { table: (local: string) => local };

/** The columns `alsoPendingBeside` reads of the tracker's cases. */
function trackerOf(cases: readonly { caseId: string; personId: string; decided?: boolean }[]): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE cases (case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, panel TEXT NOT NULL,
    phase TEXT NOT NULL, iom_decision TEXT, referred_order INTEGER NOT NULL)`);
  const insert = db.prepare('INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)');
  cases.forEach((c, order) =>
    insert.run(c.caseId, c.personId, PANEL, 'referred', c.decided === true ? 'adopted' : null, order),
  );
  return db;
}

const row = (caseId: string, personId: string) => ({ case_id: caseId, person_id: personId }) as CohortRow;

describe('iom.alsoPending: the duplicates beside a page', () => {
  // Ana was referred as ana-old, merged into ana since; a third referral under ana is not indexed yet.
  const others = Array.from({ length: 30 }, (_, i) => ({ caseId: `other-${i}`, personId: `person-${i}` }));
  const db = trackerOf([
    { caseId: 'ana-first', personId: 'ana' },
    ...others,
    { caseId: 'ana-duplicate', personId: 'ana-old' },
    { caseId: 'ana-adopted', personId: 'ana', decided: true },
    { caseId: 'ana-unindexed', personId: 'ana' },
  ]);
  const asked: string[] = [];
  const people = {
    personOfCase: (caseId: string, referralPersonId: string) => {
      asked.push(caseId);
      return referralPersonId === 'ana-old' ? 'ana' : referralPersonId;
    },
    casesHeldWith: (page: readonly { caseId: string }[]): HeldCase[] =>
      page.flatMap(({ caseId }) =>
        ['ana-first', 'ana-duplicate', 'ana-adopted'].map((held, position) => ({
          ofCaseId: caseId,
          caseId: held,
          panel: PANEL,
          referredAt: '2024-05-01T10:00:00.000Z',
          position,
        })),
      ),
  };

  it("names the person's other referrals awaiting a decision, asking only about the page's people", () => {
    const beside = alsoPendingBeside([row('ana-first', 'ana')], db, tables, PANEL, people);

    expect(beside.get('ana-first')).toEqual(['ana-duplicate', 'ana-unindexed']);
    // The panel's other 30 pending referrals cost nothing: a page costs the page, not the backlog.
    expect(asked.filter((caseId) => caseId.startsWith('other-'))).toEqual([]);
  });
});
