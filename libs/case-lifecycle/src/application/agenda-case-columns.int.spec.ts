import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { cohortProjection } from '../projections/cohort.projection';
import { agendaCaseColumns } from './agenda-case-columns';

const UNTRACKED = {
  personId: null,
  displayName: null,
  status: null,
  currentStatus: null,
  rag: null,
  openActions: null,
};

/** An old `panel_cohort` as a previous deployment left it: active, and without most of today's columns. */
const previousVersion: ProjectionDefinition = {
  name: cohortProjection.name,
  version: cohortProjection.version - 1,
  migrate(db) {
    db.exec(`CREATE TABLE ${db.table('cases')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, phase TEXT NOT NULL)`);
    db.exec(`INSERT INTO ${db.table('cases')} VALUES ('case-listed', 'MARAC', 'accepted')`);
  },
  apply: () => undefined,
};

/** `panel_cohort` v9 as the previous release left it: the tracker's columns, without the referral's repeat window (v10). */
const v9: ProjectionDefinition = {
  name: cohortProjection.name,
  version: 9,
  migrate(db) {
    db.exec(`CREATE TABLE ${db.table('people')} (person_id TEXT PRIMARY KEY, display_name TEXT)`);
    db.exec(`CREATE TABLE ${db.table('cases')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, person_id TEXT NOT NULL,
      phase TEXT NOT NULL, current_status TEXT, rag TEXT, open_actions INTEGER NOT NULL, referred_at TEXT NOT NULL,
      marac_repeat INTEGER, dash_score INTEGER)`);
    db.exec(`INSERT INTO ${db.table('people')} VALUES ('person-victim', 'Nia · Example')`);
    db.exec(`INSERT INTO ${db.table('cases')} VALUES
      ('case-repeat', 'MARAC', 'person-victim', 'accepted', 'heard', 'red', 2, '2024-05-02T09:00:00Z', 1, 18),
      ('case-first', 'MARAC', 'person-victim', 'referred', NULL, 'amber', 0, '2024-03-02T09:00:00Z', 0, 11)`);
  },
  apply: () => undefined,
};

/** The agenda is read by a chair about to sit: the tracker's state must never keep it from them. */
describe("an agenda's case columns when the cohort tracker cannot give them", () => {
  const fixtures: ReadModelFixture[] = [];
  afterAll(() => Promise.all(fixtures.map((fixture) => fixture.cleanUp())));
  const readModelsWith = async (projections: readonly ProjectionDefinition[]) => {
    const fixture = new ReadModelFixture();
    fixtures.push(fixture);
    const writable = fixture.open();
    await fixture.runtime(writable, projections).catchUp();
    const readModels = ReadModelDatabase.open(fixture.file());
    return { writable, readModels, people: new PersonIndexQuery(readModels) };
  };

  it('keeps the columns an older version of panel_cohort holds while it answers, and gives nulls for the rest', async () => {
    const { readModels, people } = await readModelsWith([previousVersion]);
    try {
      const columns = agendaCaseColumns(readModels, people, 'MARAC', ['case-listed']);
      expect(columns.get('case-listed')).toEqual({
        ...UNTRACKED,
        status: 'accepted',
        marac: { repeat: null, repeatRecognisedLater: null, repeatFrom: null, dashScore: null },
        perpetrator: null,
      });
    } finally {
      readModels.close();
    }
  });

  it('gives the chair the person, RAG, DASH score and flagged repeat while v9 answers; a repeat recognised later is unknown', async () => {
    const { readModels, people } = await readModelsWith([v9]);
    try {
      const columns = agendaCaseColumns(readModels, people, 'MARAC', ['case-repeat', 'case-first']);
      expect(columns.get('case-repeat')).toEqual({
        personId: 'person-victim',
        // No person index here: the name this panel's referral recorded is unknown, so none is shown.
        displayName: null,
        status: 'accepted',
        currentStatus: 'heard',
        rag: 'red',
        openActions: 2,
        marac: { repeat: true, repeatRecognisedLater: null, repeatFrom: null, dashScore: 18 },
        perpetrator: null,
      });
      expect(columns.get('case-first')).toMatchObject({
        rag: 'amber',
        marac: { repeat: null, repeatRecognisedLater: null, repeatFrom: null, dashScore: 11 },
        perpetrator: null,
      });
    } finally {
      readModels.close();
    }
  });

  it('gives nulls when panel_cohort has never been built', async () => {
    const { readModels, people } = await readModelsWith([]);
    try {
      expect(agendaCaseColumns(readModels, people, 'IOM', ['case-listed']).get('case-listed')).toEqual(UNTRACKED);
    } finally {
      readModels.close();
    }
  });

  it('shows nothing of a case the tracker holds on another panel (a listing the case refused after the meeting took it)', async () => {
    const { writable, readModels, people } = await readModelsWith([cohortProjection]);
    const cases = qualifiedName(cohortProjection.name, cohortProjection.version, 'cases');
    const peopleTable = qualifiedName(cohortProjection.name, cohortProjection.version, 'people');
    writable.exec(`INSERT INTO ${peopleTable} VALUES ('person-victim', 'Orla · Elsewhere', 'orla elsewhere')`);
    const row = (caseId: string, panel: string) =>
      writable
        .prepare(
          `INSERT INTO ${cases} (case_id, panel, person_id, phase, rag, open_actions, referred_at, referred_order, marac_repeat, dash_score, last_position, memo)
           VALUES (?, ?, 'person-victim', 'accepted', 'red', 2, '2024-05-02T09:00:00Z', '2024-05-02T09:00:00.000Z', 1, 18, 1, '{}')`,
        )
        .run(caseId, panel);
    row('case-on-marac', 'MARAC');
    row('case-on-iom', 'IOM');
    try {
      const columns = agendaCaseColumns(readModels, people, 'IOM', ['case-on-marac', 'case-on-iom']);
      expect(columns.get('case-on-marac')).toEqual(UNTRACKED);
      expect(columns.get('case-on-iom')).toEqual({
        personId: 'person-victim',
        displayName: null,
        status: 'accepted',
        currentStatus: null,
        rag: 'red',
        openActions: 2,
      });
    } finally {
      readModels.close();
    }
  });
});
