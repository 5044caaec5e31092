import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import type { PanelKind } from '../domain';

/**
 * The monthly core-cohort import's stream (libs/cohort-import, `iomimport-<YYYY-MM>`). Read by its
 * event types only: cohort-import depends on this context, not the other way round.
 */
export const IOM_IMPORT_STREAM = 'iomimport-';

interface Tables {
  table(local: string): string;
}

/** What one event says about whether a person is in the IOM core cohort, and where it is in the log. */
export interface Evidence {
  readonly personId: string;
  readonly eligible: boolean;
  readonly position: number;
}

interface ImportedPeople {
  readonly people?: readonly { readonly personId?: unknown; readonly eligible?: unknown; readonly outcome?: unknown }[];
}

/**
 * Once the panel rejects a referral its case is closed, so the import records nothing on it any
 * more: what later months say about the person is only in the import's stream. A `held` row (bad
 * scores, person recognised) repeats last month's standing, so it is no evidence of its own.
 */
function importEvidence(event: RecordedEvent): Evidence[] {
  if (event.type !== 'iom-cohort-batch-imported' && event.type !== 'iom-cohort-absentees-flagged') return [];
  const { people } = event.data as ImportedPeople;
  if (!Array.isArray(people)) return [];
  const position = Number(event.position);
  const evidence: Evidence[] = [];
  for (const { personId, eligible, outcome } of people) {
    if (typeof personId !== 'string') continue;
    if (event.type === 'iom-cohort-absentees-flagged') evidence.push({ personId, eligible: false, position });
    else if (outcome !== 'held' && typeof eligible === 'boolean') evidence.push({ personId, eligible, position });
  }
  return evidence;
}

/**
 * A case's own evaluations and expiry flags speak for the person it was referred about, from the
 * referral on and on IOM cases only, as the case's fold reads them.
 */
export function caseEvidence(
  tracked: { readonly kind: PanelKind; readonly personId: string },
  event: RecordedEvent,
): Evidence | undefined {
  if (tracked.kind !== 'iom') return undefined;
  const position = Number(event.position);
  if (event.type === 'iom-eligibility-evaluated')
    return { personId: tracked.personId, eligible: (event.data as { eligible?: unknown }).eligible === true, position };
  if (event.type === 'iom-cohort-expiry-flagged') return { personId: tracked.personId, eligible: false, position };
  return undefined;
}

/**
 * `iom_eligibility`: per person id, the latest word on whether they are in the IOM core cohort
 * and its log position, from the case streams and the import's. Which ids are one person now is
 * asked at query time, as merges and splits come after.
 */
export function migrateEligibility(db: ProjectionDatabase): void {
  db.exec(`CREATE TABLE ${db.table('iom_eligibility')} (
    person_id TEXT PRIMARY KEY, eligible INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID`);
}

// The later position wins whatever order a batch saves in.
const statements = (db: ProjectionDatabase) => ({
  save: db.prepare<unknown, [string, number, number]>(
    `INSERT INTO ${db.table('iom_eligibility')} (person_id, eligible, position) VALUES (?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET eligible = excluded.eligible, position = excluded.position
     WHERE excluded.position > position`,
  ),
});

/** The batch's evidence: `fromCases` as the case fold noted it, and the import's from `events`. */
export function saveEligibility(
  db: ProjectionDatabase,
  events: readonly RecordedEvent[],
  fromCases: readonly Evidence[],
): void {
  const evidence = [...fromCases];
  for (const event of events) if (event.stream.startsWith(IOM_IMPORT_STREAM)) evidence.push(...importEvidence(event));
  if (evidence.length === 0) return;
  const { save } = db.statements(statements);
  for (const { personId, eligible, position } of evidence) save.run(personId, Number(eligible), position);
}

/** The latest evidence among `personIds` (all standing for one person): eligible, or undefined if none. */
export function latestEligibility(
  connection: Database.Database,
  tables: Tables,
  personIds: readonly string[],
): boolean | undefined {
  const latest = connection
    .prepare<[string], { eligible: number }>(
      `SELECT eligible FROM ${tables.table('iom_eligibility')}
        WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY position DESC LIMIT 1`,
    )
    .get(JSON.stringify(personIds));
  return latest === undefined ? undefined : latest.eligible === 1;
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
 * back. A person with no evidence keeps the case's own column, which the SQL already required.
 */
export function stillEligible<Row extends { case_id: string; person_id: string }>(
  rows: Row[],
  connection: Database.Database,
  tables: Tables,
  people: PeopleNow,
): Row[] {
  const byPerson = new Map<string, boolean | undefined>();
  return rows.filter((row) => {
    const person = people.personOfCase(row.case_id, row.person_id);
    if (!byPerson.has(person)) byPerson.set(person, latestEligibility(connection, tables, people.idsOf(person)));
    return byPerson.get(person) !== false;
  });
}
