import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import type { PeopleNowInSql } from '../../../identity/src/application/person-index.query';
import type { PanelKind } from '../domain';
import { latestUploadWord, migrateUploadEvidence, saveUploadEvidence, wordInstant } from './cohort-upload-evidence';

export { IOM_IMPORT_STREAM } from './cohort-upload-evidence';

interface Tables {
  table(local: string): string;
}

/**
 * Where a case's word stands among the others. `upload`: a word that says the upload month it
 * covers (an expiry flag, an evaluation the import recorded or a referral it opened), ordered by
 * month then log position like the upload rows, so a late earlier-month file does not overrule a
 * later month. `own`: a word without a month (a referral's evaluation, a re-assessment, or an
 * import's evaluation recorded before imports said their month), ordered by when it was true
 * (`at`), then log position: an older referral typed in late is not the latest word on anyone.
 */
export type CaseTrack = 'own' | 'upload';

/** What one event on an IOM case says about whether its person is in the core cohort. */
export interface CaseEvidence {
  readonly caseId: string;
  /** Whom the case was referred about: `PeopleNow.personOfCase` says whom it is about now. */
  readonly personId: string;
  readonly track: CaseTrack;
  /** The upload's month, on the `upload` track only. */
  readonly month: string | null;
  readonly eligible: boolean;
  readonly position: number;
  /** When it was true (`wordInstant`): a referral's evaluation at its `referredAt`, an upload's word at its receipt. */
  readonly at: string;
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
  if (event.type !== 'iom-eligibility-evaluated' && event.type !== 'iom-cohort-expiry-flagged') return undefined;
  // Only for the words themselves: parsing every IOM event's instant was a tenth of a rebuild's cohort fold.
  const [position, at] = [Number(event.position), wordInstant(event)];
  const { personId } = tracked;
  const data = event.data as { eligible?: unknown; source?: unknown; month?: unknown };
  if (event.type === 'iom-eligibility-evaluated') {
    const eligible = data.eligible === true;
    if (typeof data.month === 'string')
      return { caseId, personId, track: 'upload', month: data.month, eligible, position, at };
    return { caseId, personId, track: 'own', month: null, eligible, position, at };
  }
  if (event.type === 'iom-cohort-expiry-flagged') {
    const month = typeof data.month === 'string' ? data.month : null;
    return { caseId, personId, track: month === null ? 'own' : 'upload', month, eligible: false, position, at };
  }
  return undefined;
}

/**
 * `iom_case_evidence`: each IOM case's latest word on each track; and the monthly import's, per
 * person id (`cohort-upload-evidence.ts`). Which cases and ids are one person now is asked at
 * query time, as merges and splits come after.
 */
export function migrateEligibility(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('iom_case_evidence')} (
    case_id TEXT NOT NULL, track TEXT NOT NULL, person_id TEXT NOT NULL, month TEXT, eligible INTEGER NOT NULL,
    position INTEGER NOT NULL, occurred_at TEXT NOT NULL, PRIMARY KEY (case_id, track)) WITHOUT ROWID`);
  migrateUploadEvidence(db);
}

// The upload track by month, then position; the own track by when the word was true, then position.
const LATER = `CASE WHEN excluded.track = 'own' THEN (excluded.occurred_at, excluded.position) > (occurred_at, position)
  ELSE excluded.month > month OR (excluded.month IS month AND excluded.position > position) END`;

const statements = (db: ProjectionDatabase) => ({
  save: db.prepare<unknown, [string, string, string, string | null, number, number, string]>(
    `INSERT INTO ${db.table('iom_case_evidence')} (case_id, track, person_id, month, eligible, position, occurred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id, track) DO UPDATE SET
       month = excluded.month, eligible = excluded.eligible, position = excluded.position,
       occurred_at = excluded.occurred_at WHERE ${LATER}`,
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
    for (const { caseId, track, personId, month, eligible, position, at } of fromCases)
      save.run(caseId, track, personId, month, Number(eligible), position, at);
  }
  saveUploadEvidence(db, events);
}

interface Word {
  readonly eligible: boolean;
  readonly month: string | null;
  readonly position: number;
  readonly at: string;
}

/** The word true later; of two true at one instant, the one recorded later. */
const laterByInstant = (a: Word | undefined, b: Word): Word =>
  a === undefined || b.at > a.at || (b.at === a.at && b.position > a.position) ? b : a;
const laterByMonth = (a: Word | undefined, b: Word): Word =>
  a === undefined || (b.month ?? '') > (a.month ?? '') || (b.month === a.month && b.position > a.position) ? b : a;

/** A person's latest case words over the IOM cases `personOfCase` gives them now: their own by instant, the import's by month. */
interface CaseWords {
  own?: Word;
  upload?: Word;
}

function caseWordsByPerson(connection: Database.Database, tables: Tables, people: PeopleNow): Map<string, CaseWords> {
  const words = new Map<string, CaseWords>();
  const all = connection
    .prepare<
      [],
      {
        case_id: string;
        track: CaseTrack;
        person_id: string;
        month: string | null;
        eligible: number;
        position: number;
        occurred_at: string;
      }
    >(
      `SELECT case_id, track, person_id, month, eligible, position, occurred_at FROM ${tables.table('iom_case_evidence')}`,
    )
    .all();
  for (const { case_id, track, person_id, month, eligible, position, occurred_at } of all) {
    const person = people.personOfCase(case_id, person_id);
    const word = { eligible: eligible === 1, month, position, at: occurred_at };
    const known = words.get(person) ?? {};
    if (track === 'upload') known.upload = laterByMonth(known.upload, word);
    else known.own = laterByInstant(known.own, word);
    words.set(person, known);
  }
  return words;
}

/** Who the cases are about now: the person a case is about, and every id standing for a person. */
export interface PeopleNow {
  personOfCase(caseId: string, referralPersonId: string): string;
  /** The person's ids, theirs and those of everyone merged into them; at least `personId`. */
  idsOf(personId: string): readonly string[];
  /** The same answers as SQL for a query on `connection` to embed, where the person index can give them there. */
  inSql?(connection: Database.Database): PeopleNowInSql | undefined;
}

/**
 * The rows whose person is still eligible as far as the latest evidence goes: an upload that
 * scores them below the rule, or no longer lists them, takes them out of "eligible but not
 * adopted" (their rejection stays on record), and a later one listing them eligible brings them
 * back. The evidence is that of the cases the person holds now and the completed uploads under
 * any id standing for them. The import's words (upload rows, and what it wrote on the cases) go
 * by month, then log position (an upload where it completed); the cases' own words by when they
 * were true, then log position; between the two, the one true later (an upload at its receipt),
 * then the later in the log. So an older referral typed in late does not outweigh a newer one.
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
    const { own, upload } = caseWords.get(person) ?? {};
    const fromUploads = latestUploadWord(connection, tables, people.idsOf(person));
    const monthly = fromUploads === undefined ? upload : laterByMonth(upload, fromUploads);
    if (monthly === undefined) return own?.eligible;
    return laterByInstant(monthly, own ?? monthly).eligible;
  };
  return rows.filter((row) => {
    const person = people.personOfCase(row.case_id, row.person_id);
    if (!byPerson.has(person)) byPerson.set(person, latestFor(person));
    return byPerson.get(person) !== false;
  });
}
