import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import type { PanelKind } from '../domain';
import { latestUploadWord, migrateUploadEvidence, saveUploadEvidence } from './cohort-upload-evidence';

export { IOM_IMPORT_STREAM } from './cohort-upload-evidence';

interface Tables {
  table(local: string): string;
}

/** What one event on an IOM case says about whether its person is in the core cohort. */
export interface CaseEvidence {
  readonly caseId: string;
  /** Whom the case was referred about: `PeopleNow.personOfCase` says whom it is about now. */
  readonly personId: string;
  readonly eligible: boolean;
  readonly position: number;
}

/**
 * A case's own evaluations and expiry flags, from the referral on and on IOM cases only, as the
 * case's fold reads them. Kept by case, not by person: a split can move the case to someone else,
 * and its word goes with it.
 */
export function caseEvidence(
  caseId: string,
  tracked: { readonly kind: PanelKind; readonly personId: string },
  event: RecordedEvent,
): CaseEvidence | undefined {
  if (tracked.kind !== 'iom') return undefined;
  const position = Number(event.position);
  const { personId } = tracked;
  if (event.type === 'iom-eligibility-evaluated')
    return { caseId, personId, eligible: (event.data as { eligible?: unknown }).eligible === true, position };
  if (event.type === 'iom-cohort-expiry-flagged') return { caseId, personId, eligible: false, position };
  return undefined;
}

/**
 * `iom_case_evidence`: each IOM case's latest word and its log position; and the monthly
 * import's, per person id (`cohort-upload-evidence.ts`). Which cases and ids are one person now is
 * asked at query time, as merges and splits come after.
 */
export function migrateEligibility(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('iom_case_evidence')} (
    case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, eligible INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID`);
  migrateUploadEvidence(db);
}

// The later position wins whatever order a batch saves in.
const statements = (db: ProjectionDatabase) => ({
  save: db.prepare<unknown, [string, string, number, number]>(
    `INSERT INTO ${db.table('iom_case_evidence')} (case_id, person_id, eligible, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET eligible = excluded.eligible, position = excluded.position
     WHERE excluded.position > position`,
  ),
});

/** The batch's evidence: `fromCases` as the case fold noted it, and the import's from `events`. */
export function saveEligibility(
  db: ProjectionDatabase,
  events: readonly RecordedEvent[],
  fromCases: readonly CaseEvidence[],
): void {
  if (fromCases.length > 0) {
    const { save } = db.statements(statements);
    for (const { caseId, personId, eligible, position } of fromCases)
      save.run(caseId, personId, Number(eligible), position);
  }
  saveUploadEvidence(db, events);
}

interface Word {
  readonly eligible: boolean;
  readonly position: number;
}

/** Each person's latest case word, over the IOM cases `personOfCase` gives them now. */
function caseWordsByPerson(connection: Database.Database, tables: Tables, people: PeopleNow): Map<string, Word> {
  const words = new Map<string, Word>();
  const all = connection
    .prepare<
      [],
      { case_id: string; person_id: string; eligible: number; position: number }
    >(`SELECT case_id, person_id, eligible, position FROM ${tables.table('iom_case_evidence')}`)
    .all();
  for (const { case_id, person_id, eligible, position } of all) {
    const person = people.personOfCase(case_id, person_id);
    if (position > (words.get(person)?.position ?? -1)) words.set(person, { eligible: eligible === 1, position });
  }
  return words;
}

/** Who the cases are about now: the person a case is about, and every id standing for a person. */
export interface PeopleNow {
  personOfCase(caseId: string, referralPersonId: string): string;
  /** The person's ids, theirs and those of everyone merged into them; at least `personId`. */
  idsOf(personId: string): readonly string[];
}

/**
 * The rows whose person is still eligible as far as the latest evidence goes: an upload that
 * scores them below the rule, or no longer lists them, takes them out of "eligible but not
 * adopted" (their rejection stays on record), and a later one listing them eligible brings them
 * back. The evidence is that of the cases the person holds now and the completed uploads under
 * any id standing for them; between the two, the later in the log (an upload where it completed).
 * A person with no evidence keeps the case's own column, which the SQL already required.
 */
export function stillEligible<Row extends { case_id: string; person_id: string }>(
  rows: Row[],
  connection: Database.Database,
  tables: Tables,
  people: PeopleNow,
): Row[] {
  if (rows.length === 0) return rows;
  const caseWords = caseWordsByPerson(connection, tables, people);
  const byPerson = new Map<string, boolean | undefined>();
  const latestFor = (person: string): boolean | undefined => {
    const fromCases = caseWords.get(person);
    const fromUploads = latestUploadWord(connection, tables, people.idsOf(person));
    if (fromUploads === undefined) return fromCases?.eligible;
    return fromCases !== undefined && fromCases.position > fromUploads.position
      ? fromCases.eligible
      : fromUploads.eligible;
  };
  return rows.filter((row) => {
    const person = people.personOfCase(row.case_id, row.person_id);
    if (!byPerson.has(person)) byPerson.set(person, latestFor(person));
    return byPerson.get(person) !== false;
  });
}
