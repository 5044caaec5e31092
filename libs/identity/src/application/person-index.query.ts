import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { PersonDetails, PersonIdentifiers } from '../../../case-lifecycle/src/domain/events/person-events';
import { searchFoldedInSql } from '../../../case-lifecycle/src/projections/cohort-people';
import {
  ProjectionNotAvailableError,
  ReadModelDatabase,
  type AnsweringVersion,
} from '../../../read-models/src/read-model-database';
import type { IdentifierKind } from '../domain/identifiers';
import type { MatchLevels } from '../domain/matching';
import {
  conflictingIdentifierKinds,
  holdsNothing,
  namingKeepingApart,
  proposalEvidenceMoved,
  proposalEvidenceRemoved,
  rejectionKeepingApart,
  sharedIdentifierKinds,
  splitKeepingApart,
  type DecidingModel,
  type Holdings,
  type PerpetratorNaming,
  type SplitApart,
  type StandingRejection,
} from '../domain/person-links';
import { FIELDS_RECORDED_AT, PERSON_INDEX, personIndexProjection } from '../projections';
import { tookEffect } from '../projections/review-history';
import {
  standingRejectionsSql,
  toStandingRejection,
  type StandingRejectionRow,
} from '../projections/standing-rejections';
import { columnsLacking } from './person-index-schema';
import { namesOfListedCases, type ListedCaseRecordRow, type PanelRecordsOfCase } from './listed-case-names';

export type { PanelRecordsOfCase } from './listed-case-names';

export interface IndexedRecord {
  readonly recordId: string;
  readonly details: PersonDetails;
  readonly sourceCaseId: string | null;
  readonly sourcePanel: string | null;
  /** Set when the matcher linked the record to a person already known. */
  readonly score: number | null;
  readonly levels: MatchLevels | null;
  /** The model that scored the link; absent for links recorded before models were named. */
  readonly model?: DecidingModel;
  readonly position: number;
  /** Where its details last changed: a case can record new details on an early record. */
  readonly detailsPosition: number;
  /**
   * Where each field (`identifiers.<kind>` for an identifier) was last recorded on it, changed or
   * not; absent for details the index stored before it kept this.
   */
  readonly fieldsRecordedAt?: Readonly<Record<string, number>>;
  /** The record a MARAC referral brought in for its perpetrator (not about the case's subject). */
  readonly forPerpetrator: boolean;
}

/**
 * Whether a referral claimed the record: the person index tags a record with the panel of the
 * referral that names it (or wrote it, or the monthly upload that lists its person). One left
 * without a panel was written by a referral that failed part-way and was never retried: nothing
 * says whose it is, and its address may be a MARAC victim's household.
 */
export const claimedByReferral = (record: Pick<IndexedRecord, 'sourcePanel'>): boolean => record.sourcePanel !== null;

export interface MaracSensitive {
  readonly children: readonly unknown[];
  readonly safeContactNumber?: string;
}

export interface IndexedCase {
  readonly caseId: string;
  readonly panel: string;
  readonly open: boolean;
  readonly referredAt: string;
  readonly maracSensitive: MaracSensitive | null;
}

/** How a person takes part in a case: its subject, or named on it as the MARAC perpetrator. */
export type CaseRole = 'subject' | 'perpetrator';

/** A case that names the person without being about them (a MARAC referral's perpetrator). */
export interface NamedOnCase {
  readonly caseId: string;
  readonly panel: string;
  readonly role: Exclude<CaseRole, 'subject'>;
  readonly open: boolean;
  readonly referredAt: string;
}

export interface IndexedPerson {
  /** The person the asked-for id stands for now. */
  readonly personId: string;
  /** Other ids merged into this person (directly or through others). */
  readonly mergedPersonIds: readonly string[];
  readonly registeredPosition: number;
  readonly records: readonly IndexedRecord[];
  readonly cases: readonly IndexedCase[];
  /** Cases naming the person (under any id standing for them) that are not about them. */
  readonly namedOn: readonly NamedOnCase[];
  /** Every panel whose record or case the person has held, including those split off since. */
  readonly panelsEverHeld: readonly string[];
  /** The person this one was split off (as they are now), for a person a split started. */
  readonly splitFrom: string | null;
}

/** What `holdsNothing` (holds-nothing.ts) counts of a person read whole. */
export const holdingsOf = (person: Pick<IndexedPerson, 'records' | 'cases' | 'namedOn'>): Holdings => ({
  records: person.records.length,
  cases: person.cases.length,
  namedOn: person.namedOn.length,
});

export interface OpenReview {
  readonly id: string;
  /** The two people as they are now (either may have been merged since the proposal). */
  readonly personIds: readonly [string, string];
  readonly score: number;
  readonly levels: MatchLevels;
  readonly guards: readonly string[];
  /** The model that proposed the pair; absent for proposals recorded before models were named. */
  readonly model?: DecidingModel;
}

/** An open review as the queue orders it. */
export interface QueuedReview extends OpenReview {
  /** Where the proposal was recorded in the log: the queue's order, and its pages' cursor. */
  readonly position: number;
}

/** A record's stored details, and where each field was last recorded taken out of them. */
function storedDetails(json: string): Pick<IndexedRecord, 'details' | 'fieldsRecordedAt'> {
  const { [FIELDS_RECORDED_AT]: fieldsRecordedAt, ...details } = JSON.parse(json) as PersonDetails & {
    [FIELDS_RECORDED_AT]?: Record<string, number>;
  };
  return fieldsRecordedAt === undefined ? { details } : { details, fieldsRecordedAt };
}

interface RecordRow {
  record_id: string;
  details: string;
  source_case_id: string | null;
  source_panel: string | null;
  score: number | null;
  levels: string | null;
  model: string | null;
  position: number;
  details_position: number;
  for_perpetrator: number;
}
interface CaseRow {
  case_id: string;
  panel: string;
  open: number;
  referred_at: string;
  marac_sensitive: string | null;
}
interface ProposalRow {
  proposal_id: string;
  person_a: string;
  person_b: string;
  score: number;
  levels: string;
  guards: string;
  model: string | null;
  status: string;
  position: number;
  standing: number;
  merged: number | null;
  conflict: string | null;
  conflict_with: string | null;
  survivor_person: string | null;
  merged_person: string | null;
  undone_by: string | null;
}

/**
 * A merge pointer among the people merged into someone, and where the confirmation that set it was
 * recorded (`mergesAndLinks`); null when the index cannot say.
 */
export interface MergedPointerRow {
  readonly personId: string;
  readonly mergedInto: string;
  readonly confirmedAt: number | null;
}

/** The id a record is held under now (as linked, or moved by a split) and where in the log it was linked (`mergesAndLinks`). */
export interface RecordLinkRow {
  readonly recordId: string;
  readonly heldBy: string;
  readonly position: number;
}

/** The id a case is held under now (as referred, or moved by a split) (`mergesAndLinks`). */
export interface CaseHeldRow {
  readonly caseId: string;
  readonly heldBy: string;
}

/** A case held by the person a listed case is about now (`casesHeldWith`). */
export interface HeldCase {
  readonly ofCaseId: string;
  readonly caseId: string;
  readonly panel: string;
  readonly referredAt: string;
  /** Orders cases as their referrals were recorded in the log. */
  readonly position: number;
}

/** A proposal and whether its decision took effect under the shared merge rule. */
export interface ReviewState {
  readonly id: string;
  readonly personIds: [string, string];
  readonly status: string;
  /** Where the proposal was recorded in the log. */
  readonly position: number;
  /** False for a confirmation that merged nobody, or a rejection recorded about one person. */
  readonly tookEffect: boolean;
  /** Why it took no effect: `match-rejected-before`, `already-one-person`, `undo-the-merge-first`. */
  readonly conflict?: string;
  /** The rejection that kept a confirmation's two people apart. */
  readonly conflictWith?: string;
  /** Who a confirmation that took effect merged into whom (by the merge rule, not as decided). */
  readonly merge?: { readonly survivorId: string; readonly mergedId: string };
  /** A confirmation whose merge a restoring split has undone since (`confirmed-undone`). */
  readonly mergeUndone: boolean;
}

/** The person index version answering queries, as its checkpoint row says. */
/** The person index's answering version, position and state (`ReadModelDatabase.answering`). */
export type AnsweringIndex = AnsweringVersion;

const MEMBERS = (t: { table(local: string): string }) =>
  `WITH RECURSIVE members(id) AS (SELECT ? UNION SELECT p.person_id FROM ${t.table('people')} p JOIN members m ON p.merged_into = m.id)`;

/** Who holds a record or case now is `COALESCE(moved, origin)`: its subject, or the perpetrator a MARAC case names. */
interface Holder {
  readonly moved: string;
  readonly origin: string;
}
const SUBJECT: Holder = { moved: 'moved_to', origin: 'origin_person_id' };
const PERPETRATOR: Holder = { moved: 'perpetrator_moved_to', origin: 'perpetrator_person_id' };

/**
 * The rows `r` of `table` (records or cases) that the rows `m` of a `members(..., id)` CTE hold now,
 * as `COALESCE(moved, origin) IN members` says, selecting `columns` of `r` and `m`: split so that
 * each half is looked up through its index (by_move, by_origin): no index serves the COALESCE, and at
 * 50,000 cases a scan per person made a MARAC agenda cost a scan per item (`PERPETRATOR` has its
 * own pair of indexes). CROSS JOIN keeps the few members driving.
 */
const HELD_BY_MEMBERS = (t: Tables, table: 'records' | 'cases', columns: string, holder: Holder = SUBJECT) => `
    SELECT ${columns} FROM members m CROSS JOIN ${t.table(table)} r ON r.${holder.moved} = m.id
    UNION ALL
    SELECT ${columns} FROM members m CROSS JOIN ${t.table(table)} r ON r.${holder.origin} = m.id AND r.${holder.moved} IS NULL`;

/** `gather`'s cases naming the person as perpetrator, and `casesHeldWith`'s row for each listed case. */
const NAMED_COLUMNS = 'r.case_id, r.panel, r.open, r.referred_at';
/** `identifiersOf`'s one column: a record's identifiers alone, not its whole details. */
const IDENTIFIERS_COLUMN = `json_extract(r.details, '$.identifiers') AS identifiers`;
/** Whether a case names anyone but its own subject as perpetrator. */
const NAMES_ANOTHER =
  'r.perpetrator_person_id IS NOT NULL AND r.perpetrator_person_id <> r.origin_person_id AS names_another';
/**
 * `namingsAbout`'s row per case held: whom it names as perpetrator now (as recorded, merges not yet
 * followed), and whether it names anyone but its own subject.
 */
const NAMING_COLUMNS = `r.case_id, r.panel, COALESCE(r.perpetrator_moved_to, r.perpetrator_person_id) AS perpetrator,
  ${NAMES_ANOTHER}`;
const HELD_CASE_COLUMNS =
  'm.of_case AS ofCaseId, r.case_id AS caseId, r.panel, r.referred_at AS referredAt, r.rowid AS position';

/** A case a list shows, with the person its referral named (for a case the index has not seen). */
export interface ListedCase {
  readonly caseId: string;
  readonly referralPersonId: string;
}

const listedJson = (page: readonly ListedCase[]): string =>
  JSON.stringify(page.map(({ caseId, referralPersonId }) => [caseId, referralPersonId]));

/**
 * `members(of_case, id)`: for each listed case (`json_each` of `[caseId, referralPersonId]`), every
 * id standing for the person the case is about now: the current person, found by following merge
 * pointers up (bounded), and every id merged into them.
 */
const LISTED_MEMBERS = (t: { table(local: string): string }) => `WITH RECURSIVE
          listed(of_case, id) AS (
            SELECT json_extract(l.value, '$[0]'),
                   COALESCE((SELECT COALESCE(c.moved_to, c.origin_person_id) FROM ${t.table('cases')} c
                              WHERE c.case_id = json_extract(l.value, '$[0]')), json_extract(l.value, '$[1]'))
              FROM json_each(?) l),
          up(of_case, id, hops) AS (
            SELECT l.of_case, l.id, 0 FROM listed l JOIN ${t.table('people')} p ON p.person_id = l.id
            UNION ALL
            SELECT u.of_case, p.merged_into, u.hops + 1 FROM up u JOIN ${t.table('people')} p ON p.person_id = u.id
             WHERE p.merged_into IS NOT NULL AND u.hops < 1000),
          members(of_case, id) AS (
            SELECT u.of_case, u.id FROM up u
             WHERE NOT EXISTS (SELECT 1 FROM ${t.table('people')} p WHERE p.person_id = u.id AND p.merged_into IS NOT NULL)
            UNION
            SELECT m.of_case, p.person_id FROM ${t.table('people')} p JOIN members m ON p.merged_into = m.id)`;

/** SQL text and its parameters, for another read model's query on the same connection to embed. */
export interface SqlClause {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The tracker's name search, as SQL over the person index's tables (`casesNamedInSql`): what
 * `panelRecordsOfCases` answers case by case, decided for a whole panel without reading its cases.
 */
export interface CasesNamedInSql {
  /**
   * `SELECT case_id ...`: the cases (any panel's: the caller keeps its own) whose person now (after
   * merges and splits) holds a record the panel's referrals brought in under a name (or alias)
   * holding every word, or whose own referral brought such a record in (`panelRecords` there).
   */
  readonly named: SqlClause;
  /** A condition on the case id `caseId` (a column): the index has not reached the case yet. */
  unnamed(caseId: string): SqlClause;
}

type Tables = { table(local: string): string };

/**
 * Who the id `holder` stands for now: merge pointers followed up while the person is known and
 * merged (bounded, as `LISTED_MEMBERS` climbs), so two ids stand for one person when both reach it.
 */
const PERSON_NOW = (t: Tables, holder: string) => `(WITH RECURSIVE up(id, hops) AS (
    SELECT ${holder}, 0
    UNION ALL
    SELECT p.merged_into, u.hops + 1 FROM up u JOIN ${t.table('people')} p ON p.person_id = u.id
     WHERE p.merged_into IS NOT NULL AND u.hops < 1000)
  SELECT id FROM up ORDER BY hops DESC LIMIT 1)`;

/**
 * Whether a record whose origin is `origin`, brought in by the referral of the case row `c`, is
 * that case's own (about its subject), not the one it brought in for its MARAC perpetrator.
 */
const OWN_OF = (c: string, origin: string) =>
  `(${c}.perpetrator_person_id IS NULL OR ${c}.perpetrator_person_id <> ${origin} OR ${c}.perpetrator_person_id = ${c}.origin_person_id)`;

/**
 * From the names that hold every word (a scan of the names, few kept) to the panel's records under
 * them, the people the index knows who hold those now, everyone merged into them, and the cases
 * (of any panel) those hold; and the case whose own referral brought such a record in, whoever
 * holds it: the cases `panelRecordsOfCases` would give one of those records, and no others.
 */
const CASES_NAMED = (t: Tables, words: number) => `WITH RECURSIVE
  matching(holder, source_case_id, origin_person_id) AS MATERIALIZED (
    SELECT COALESCE(r.moved_to, r.origin_person_id), r.source_case_id, r.origin_person_id
      FROM ${t.table('record_names')} n CROSS JOIN ${t.table('records')} r ON r.record_id = n.record_id
     WHERE ${Array.from({ length: words }, () => `instr(${searchFoldedInSql('n.name')}, ?) > 0`).join(' AND ')} AND r.source_panel = ?),
  up(id, hops) AS (
    SELECT p.person_id, 0 FROM (SELECT DISTINCT holder FROM matching) h JOIN ${t.table('people')} p ON p.person_id = h.holder
    UNION ALL
    SELECT p.merged_into, u.hops + 1 FROM up u JOIN ${t.table('people')} p ON p.person_id = u.id
     WHERE p.merged_into IS NOT NULL AND u.hops < 1000),
  members(id) AS (
    SELECT u.id FROM up u
     WHERE NOT EXISTS (SELECT 1 FROM ${t.table('people')} p WHERE p.person_id = u.id AND p.merged_into IS NOT NULL)
    UNION
    SELECT p.person_id FROM ${t.table('people')} p JOIN members m ON p.merged_into = m.id)
${HELD_BY_MEMBERS(t, 'cases', 'r.case_id')}
UNION
SELECT c.case_id FROM matching m CROSS JOIN ${t.table('cases')} c ON c.case_id = m.source_case_id
 WHERE ${OWN_OF('c', 'm.origin_person_id')}`;

/** SQL joins to put after a `FROM` (or another join), and an expression over what they join. */
export interface JoinedSql {
  readonly joins: string;
  readonly expression: string;
}

/**
 * Who cases are about now and which ids stand for a person, as SQL over the person index's tables
 * for another read model's query on the same connection (`peopleNowInSql`): what `personOfCase`
 * and `person(...)` answer one at a time, for a whole list at once. `as` names the joined tables
 * (unique within the statement); the expressions given are columns of the caller's tables.
 */
export interface PeopleNowInSql {
  /** `personOfCase(caseId, referralPersonId)`. */
  personOfCase(as: string, caseId: string, referralPersonId: string): JoinedSql;
  /**
   * `current(personId)`: whom the id stands for now, NULL for an id the index never saw. So
   * `person(P)`'s ids (`personId` and `mergedPersonIds`) are exactly those X with
   * `X = COALESCE(current(P), P)`, or `current(X) = current(P)` for a P the index knows.
   */
  current(as: string, personId: string): JoinedSql;
  /** Who holds the record `recordId` now (after splits, through merges); NULL for a record the index never saw. */
  holderOfRecord(as: string, recordId: string): JoinedSql;
}

/**
 * Whom the person row `known` (joined on an id, NULL when the index never saw it) stands for now,
 * as `current` answers: merge pointers are followed up only for the few merged.
 */
const NOW_OF = (t: Tables, known: string) => `CASE WHEN ${known}.person_id IS NULL THEN NULL
  WHEN ${known}.merged_into IS NULL THEN ${known}.person_id ELSE ${PERSON_NOW(t, `${known}.person_id`)} END`;

const CURRENT = (t: Tables, as: string, personId: string): JoinedSql => ({
  joins: `LEFT JOIN ${t.table('people')} ${as} ON ${as}.person_id = ${personId}`,
  expression: NOW_OF(t, as),
});

const HOLDER_OF_RECORD = (t: Tables, as: string, recordId: string): JoinedSql => ({
  joins: `LEFT JOIN ${t.table('records')} ${as}_record ON ${as}_record.record_id = ${recordId}
    LEFT JOIN ${t.table('people')} ${as} ON ${as}.person_id = COALESCE(${as}_record.moved_to, ${as}_record.origin_person_id)`,
  expression: NOW_OF(t, as),
});

/** `personOfCase`: the case's person as the index holds it (its referral's while unseen), now; the referral's if unknown. */
const PERSON_OF_CASE = (t: Tables, as: string, caseId: string, referralPersonId: string): JoinedSql => ({
  joins: `LEFT JOIN ${t.table('cases')} ${as}_case ON ${as}_case.case_id = ${caseId}
    LEFT JOIN ${t.table('people')} ${as} ON ${as}.person_id = COALESCE(${as}_case.moved_to, ${as}_case.origin_person_id, ${referralPersonId})`,
  expression: `COALESCE(${NOW_OF(t, as)}, ${referralPersonId})`,
});

/** Reads the person index: who an id stands for now, their records, cases and open reviews. */
@Injectable()
export class PersonIndexQuery {
  constructor(private readonly readModels: ReadModelDatabase) {
    // What the index holds decides who may see whom: while a version bump leaves an older version
    // answering, a read of what it lacks is refused (503 read-model-rebuilding), never answered from a NULL.
    readModels.refuseLackingReads(personIndexProjection);
  }

  /**
   * The version of the index that answers queries, the last log position it has processed and its
   * state, as the file says (whichever release moves it commits them with the tables); undefined
   * while none answers.
   */
  answering(): AnsweringIndex | undefined {
    return this.readModels.answering(PERSON_INDEX);
  }

  /** Per version: a version's tables are created once by its `migrate` and never altered after. */
  private readonly lackingByVersion = new Map<number, readonly string[]>();

  /** What this release reads that `version`'s tables lack (`table.column`): empty for its own or a compatible one. */
  columnsLackingIn(version: number): readonly string[] {
    const known = this.lackingByVersion.get(version);
    if (known !== undefined) return known;
    const { lacking, settled } = columnsLacking(this.readModels.connection, version);
    // A table missing mid-reset must not refuse the version for the life of the process.
    if (settled) this.lackingByVersion.set(version, lacking);
    return lacking;
  }

  /** The current person for any id ever issued, or undefined for an id never seen. */
  current(personId: string): string | undefined {
    const next = this.readModels.statement<{ merged_into: string | null }, [string]>(
      PERSON_INDEX,
      (t) => `SELECT merged_into FROM ${t.table('people')} WHERE person_id = ?`,
    );
    let id = personId;
    for (let hops = 0; hops < 1000; hops++) {
      const row = next.get(id);
      if (row === undefined) return hops === 0 ? undefined : id;
      if (row.merged_into === null) return id;
      id = row.merged_into;
    }
    return id;
  }

  registrationOf(personId: string): number | undefined {
    return this.readModels
      .statement<
        { registered_position: number },
        [string]
      >(PERSON_INDEX, (t) => `SELECT registered_position FROM ${t.table('people')} WHERE person_id = ?`)
      .get(personId)?.registered_position;
  }

  /** The id a split that started this person named as the person split, as recorded (not followed through merges). */
  splitFromAsRecorded(personId: string): string | undefined {
    return (
      this.readModels
        .statement<
          { split_from: string | null },
          [string]
        >(PERSON_INDEX, (t) => `SELECT split_from FROM ${t.table('people')} WHERE person_id = ?`)
        .get(personId)?.split_from ?? undefined
    );
  }

  /**
   * The id each record and case the split recorded at `position` moved was held under until then
   * (`homes_before`); one the index has no row for is left out.
   */
  homesBefore(position: number): { kind: 'record' | 'case'; id: string; home: string }[] {
    return this.readModels
      .statement<
        { kind: 'record' | 'case'; id: string; home: string },
        [number]
      >(PERSON_INDEX, (t) => `SELECT kind, id, home FROM ${t.table('homes_before')} WHERE position = ?`)
      .all(position);
  }

  /**
   * Whether the person an id stands for now holds nothing (holds-nothing.ts): everything they held
   * was split off them or taken back by an undone split, so a review about them has nobody to merge.
   */
  holdsNothing(personId: string): boolean {
    const root = this.current(personId);
    if (root === undefined) return false;
    return holdsNothing(this.holdings(root, Number(this.holds(root, 'records', 'r.record_id'))));
  }

  /**
   * What `holdsNothing` counts of `root`, each as 0 or 1 (whether there is one), `records` as already
   * read; cases and namings are looked up only when `holdsNothing` asks for them.
   */
  private holdings(root: string, records: number): Holdings {
    const holds = (key: string, holder?: Holder, where?: string) =>
      Number(this.holds(root, 'cases', key, holder, where));
    return {
      records,
      get cases() {
        return holds('r.case_id');
      },
      get namedOn() {
        return holds(NAMES_ANOTHER, PERPETRATOR, 'names_another');
      },
    };
  }

  /**
   * Whether what `person` holds may differ from what they held when the log was at `position`: a
   * record of theirs is newer, someone is merged into them (the index keeps no time of a merge, so
   * any counts), or a split since moved a record or case onto or off them (`homes_before`). A
   * disclosure that kept no records behind what it gave out opens nothing of them once it is so:
   * which record's value it gave cannot be told.
   */
  changedSince(person: IndexedPerson, position: number): boolean {
    if (person.mergedPersonIds.length > 0 || person.records.some((record) => record.position > position)) return true;
    const moved = this.readModels
      .statement<number, [number, string, string, string]>(
        PERSON_INDEX,
        (t) => `SELECT EXISTS (SELECT 1 FROM ${t.table('homes_before')} WHERE position > ? AND (home = ?
          OR (kind = 'record' AND id IN (SELECT value FROM json_each(?)))
          OR (kind = 'case' AND id IN (SELECT value FROM json_each(?)))))`,
      )
      .pluck()
      .get(
        position,
        person.personId,
        JSON.stringify(person.records.map((record) => record.recordId)),
        JSON.stringify(person.cases.map((c) => c.caseId)),
      );
    return moved === 1;
  }

  /**
   * A record as it stood when the log was at `position`: its details then, and where they were
   * recorded (`details_before` keeps those a change replaced). Undefined when it had none then
   * (written since), or when the index answering cannot say: an older version, answering while
   * this one is rebuilt, kept none, and what the record holds now is not what it held then.
   */
  asOf(record: IndexedRecord, position: number): IndexedRecord | undefined {
    if (record.detailsPosition <= position) return record;
    if (!this.keepsDetailsBefore()) return undefined;
    const before = this.readModels
      .statement<{ since: number; details: string }, [string, number, number]>(
        PERSON_INDEX,
        (t) => `SELECT since, details FROM ${t.table('details_before')}
                WHERE record_id = ? AND until > ? AND since <= ? ORDER BY until LIMIT 1`,
      )
      .get(record.recordId, position, position);
    return before === undefined
      ? undefined
      : { ...record, ...storedDetails(before.details), detailsPosition: before.since };
  }

  /** Whether the answering index keeps `details_before`: not a version before it answering while this one is rebuilt. */
  private keepsDetailsBefore(): boolean {
    const { version } = this.readModels.tables(PERSON_INDEX);
    return (
      version === personIndexProjection.version ||
      !this.columnsLackingIn(version).some((column) => column.startsWith('details_before.'))
    );
  }

  /**
   * Whether `root` (an id standing for itself now) holds a record, or a case (as its subject, or as
   * the perpetrator it names: `holder`), under any id merged into them; `where` filters the rows.
   */
  private holds(
    root: string,
    table: 'records' | 'cases',
    key: string,
    holder: Holder = SUBJECT,
    where = 'TRUE',
  ): boolean {
    return (
      this.readModels
        .statement<
          { held: number },
          [string]
        >(PERSON_INDEX, (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, table, key, holder)}) SELECT EXISTS (SELECT 1 FROM held WHERE ${where}) AS held`)
        .get(root)?.held === 1
    );
  }

  /**
   * Whether a split since the proposal recorded at `position` moved the record it was scored on off
   * its second person (proposal-evidence.ts). That record is the latest one the second person got
   * under their own id before the proposal: registering them, or linked to them just before the
   * resolver proposed the pair. Whoever holds it now is followed through merges.
   */
  proposalEvidenceMoved({ personIds: [a, b], position }: Pick<ReviewState, 'personIds' | 'position'>): boolean {
    return this.readModels.read(() => {
      const scored = this.readModels
        .statement<{ holder: string }, [string, number]>(
          PERSON_INDEX,
          (t) => `SELECT COALESCE(moved_to, origin_person_id) AS holder FROM ${t.table('records')}
                   WHERE origin_person_id = ? AND position < ? ORDER BY position DESC, rowid DESC LIMIT 1`,
        )
        .get(b, position)?.holder;
      const now = (id: string) => this.current(id) ?? id;
      return proposalEvidenceMoved({
        pair: [now(a), now(b)],
        scoredRecordHeldBy: scored === undefined ? undefined : now(scored),
      });
    });
  }

  /**
   * Whether the identifier the proposal agreed on was removed from a record of either person since
   * (proposal-evidence.ts), judged on the two people as they are now and the removals the index
   * keeps: a rebuilt index gives the same answer, and a value set again puts the review back.
   */
  proposalEvidenceRemoved({
    id,
    personIds: [a, b],
    position,
  }: Pick<ReviewState, 'id' | 'personIds' | 'position'>): boolean {
    return this.readModels.read(() => {
      const levels = this.readModels
        .statement<
          { levels: string },
          [string]
        >(PERSON_INDEX, (t) => `SELECT levels FROM ${t.table('proposals')} WHERE proposal_id = ?`)
        .get(id)?.levels;
      if (levels === undefined) return false;
      const [x, y] = [this.current(a) ?? a, this.current(b) ?? b];
      const held: [PersonIdentifiers[], PersonIdentifiers[]] = [this.identifiersHeld(x), this.identifiersHeld(y)];
      return this.agreementRemoved((JSON.parse(levels) as MatchLevels).identifiers, [x, y], held, position);
    });
  }

  /**
   * `proposalEvidenceRemoved` for two people as they are now and the identifiers they hold: the removals
   * are read only for a review whose agreeing value the two no longer share.
   */
  private agreementRemoved(
    identifiersLevel: string,
    [a, b]: readonly [string, string],
    [first, second]: readonly [readonly PersonIdentifiers[], readonly PersonIdentifiers[]],
    position: number,
  ): boolean {
    if (identifiersLevel !== 'agree' || sharedIdentifierKinds(first, second).length > 0) return false;
    return proposalEvidenceRemoved({
      identifiersLevel,
      first,
      second,
      removedFromFirst: this.identifiersRemovedSince(a, position),
      removedFromSecond: this.identifiersRemovedSince(b, position),
    });
  }

  /**
   * The values removed as recorded in error after `position` from the records `root` holds now, one
   * `{ kind: value }` each. None while an older version answers: it kept no removals, and kept the
   * removed values in the records' details, so the two still share them there.
   */
  private identifiersRemovedSince(root: string, position: number): PersonIdentifiers[] {
    const { version } = this.readModels.tables(PERSON_INDEX);
    const kept =
      version === personIndexProjection.version ||
      !this.columnsLackingIn(version).some((column) => column.startsWith('identifiers_removed.'));
    if (!kept) return [];
    return this.readModels
      .statement<{ kind: string; value: string }, [string, number]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'records', 'r.record_id')})
                SELECT x.kind, x.value FROM ${t.table('identifiers_removed')} x
                WHERE x.record_id IN (SELECT record_id FROM held) AND x.position > ?`,
      )
      .all(root, position)
      .map(({ kind, value }) => ({ [kind]: value }) as PersonIdentifiers);
  }

  /**
   * The identifiers on every record the person an id stands for now holds (after merges and
   * splits): the records `person` gives, whose identifiers a confirmation is checked on.
   */
  identifiersHeld(personId: string): PersonIdentifiers[] {
    return this.readModels.read(() => {
      const root = this.current(personId);
      return root === undefined ? [] : this.identifiersOf(root);
    });
  }

  /**
   * One entry per record `root` holds now, its identifiers alone: one statement through the
   * records' indexes, so the queue can ask it of every person in it without gathering them.
   */
  private identifiersOf(root: string): PersonIdentifiers[] {
    return this.readModels
      .statement<{ identifiers: string | null }, [string]>(
        PERSON_INDEX,
        (t) =>
          `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'records', IDENTIFIERS_COLUMN)}) SELECT identifiers FROM held`,
      )
      .all(root)
      .map((row) => (row.identifiers === null ? {} : (JSON.parse(row.identifiers) as PersonIdentifiers)));
  }

  /**
   * The MARAC case keeping the two people (as they are now) apart: one about either that names the
   * other as perpetrator (`namingKeepingApart`). The rule a confirmation is refused by
   * (`marac-victim-and-perpetrator`), read as the queue reads it.
   */
  namingBetween(a: string, b: string): PerpetratorNaming | undefined {
    return this.readModels.read(() => {
      const [x, y] = [this.current(a) ?? a, this.current(b) ?? b];
      return x === y ? undefined : namingKeepingApart(x, y, [...this.namingsAbout(x), ...this.namingsAbout(y)]);
    });
  }

  /** Whether the index has folded the case (its referral), whoever it is about now. */
  caseKnown(caseId: string): boolean {
    return (
      this.readModels
        .statement<
          { known: number },
          [string]
        >(PERSON_INDEX, (t) => `SELECT 1 AS known FROM ${t.table('cases')} WHERE case_id = ?`)
        .get(caseId) !== undefined
    );
  }

  /** Who holds the record now (after splits, through merges); undefined for a record the index never saw. */
  holderOfRecord(recordId: string): string | undefined {
    const row = this.readModels
      .statement<
        { holder: string },
        [string]
      >(PERSON_INDEX, (t) => `SELECT COALESCE(moved_to, origin_person_id) AS holder FROM ${t.table('records')} WHERE record_id = ?`)
      .get(recordId);
    return row === undefined ? undefined : this.current(row.holder);
  }

  /**
   * The cases about `root` (an id standing for itself now, or one never seen) that name someone
   * else as perpetrator, with that person as they are now: one statement through the cases'
   * indexes. A naming of an id no person has (not yet identified) names nobody.
   */
  private namingsAbout(root: string): PerpetratorNaming[] {
    return this.readModels
      .statement<{ case_id: string; panel: string; perpetrator: string }, [string]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'cases', NAMING_COLUMNS)})
                SELECT case_id, panel, perpetrator FROM held WHERE names_another`,
      )
      .all(root)
      .flatMap((row) => {
        const perpetrator = this.current(row.perpetrator);
        return perpetrator === undefined ? [] : [{ caseId: row.case_id, panel: row.panel, victim: root, perpetrator }];
      });
  }

  /**
   * The identifier kinds of which the two people (as they are now) hold different valid values and
   * share none: the rule a confirmation is refused by (`identifier-conflict`), on the same records.
   */
  identifierConflict(a: string, b: string): IdentifierKind[] {
    return this.readModels.read(() => conflictingIdentifierKinds(this.identifiersHeld(a), this.identifiersHeld(b)));
  }

  /** The id a person stands under now and every id merged into them; none for an id never seen. */
  idsStandingFor(personId: string): string[] {
    return this.readModels.read(() => {
      const root = this.current(personId);
      if (root === undefined) return [];
      const members = this.readModels
        .statement<{ id: string }, [string]>(PERSON_INDEX, (t) => `${MEMBERS(t)} SELECT id FROM members`)
        .all(root)
        .map((row) => row.id);
      return [root, ...members.filter((id) => id !== root)];
    });
  }

  person(personId: string): IndexedPerson | undefined {
    return this.readModels.read(() => {
      const root = this.current(personId);
      return root === undefined ? undefined : this.gather(root);
    });
  }

  /**
   * What a restore of someone merged into `root` (an id standing for itself now) sorts the records
   * linked, and the people merged in, while merged by: the merge pointers among everyone merged
   * into them, each with where the confirmation that set it was recorded (kept by a pointer an
   * unmerge moved to the restored person, whose review that unmerge undid);
   * under which id each record they hold now is held and when it was linked (its registration, for
   * a person's own record); under which id each case they hold now is held; and under which id
   * each MARAC case naming one of them as perpetrator names them.
   */
  mergesAndLinks(root: string): {
    pointers: MergedPointerRow[];
    links: RecordLinkRow[];
    cases: CaseHeldRow[];
    namings: CaseHeldRow[];
  } {
    return this.readModels.read(() => ({
      pointers: this.readModels
        .statement<MergedPointerRow, [string]>(
          PERSON_INDEX,
          (t) => `${MEMBERS(t)}
            SELECT p.person_id AS personId, p.merged_into AS mergedInto, p.merged_at AS confirmedAt
              FROM members m JOIN ${t.table('people')} p ON p.person_id = m.id WHERE p.merged_into IS NOT NULL`,
        )
        .all(root),
      links: this.readModels
        .statement<RecordLinkRow, [string]>(
          PERSON_INDEX,
          (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'records', 'r.record_id, m.id AS held_by, r.position')})
            SELECT record_id AS recordId, held_by AS heldBy, position FROM held`,
        )
        .all(root),
      cases: this.readModels
        .statement<CaseHeldRow, [string]>(
          PERSON_INDEX,
          (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'cases', 'r.case_id, m.id AS held_by')})
            SELECT case_id AS caseId, held_by AS heldBy FROM held`,
        )
        .all(root),
      namings: this.readModels
        .statement<CaseHeldRow, [string]>(
          PERSON_INDEX,
          (
            t,
          ) => `${MEMBERS(t)}, named AS (${HELD_BY_MEMBERS(t, 'cases', `r.case_id, m.id AS held_by, ${NAMES_ANOTHER}`, PERPETRATOR)})
            SELECT case_id AS caseId, held_by AS heldBy FROM named WHERE names_another`,
        )
        .all(root),
    }));
  }

  /** Who a person merged into another would be once restored: them and the people merged into them. */
  asRestored(personId: string): IndexedPerson | undefined {
    return this.readModels.read(() => (this.current(personId) === undefined ? undefined : this.gather(personId)));
  }

  private gather(root: string): IndexedPerson {
    const members = this.readModels
      .statement<{ id: string }, [string]>(PERSON_INDEX, (t) => `${MEMBERS(t)} SELECT id FROM members`)
      .all(root)
      .map((row) => row.id);
    // Records one event wrote share a position: `seq` keeps them in the order they were written.
    const records = this.readModels
      .statement<RecordRow, [string]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'records', 'r.*, r.rowid AS seq')})
                SELECT h.*, EXISTS (SELECT 1 FROM ${t.table('cases')} c
                    WHERE c.case_id = h.source_case_id AND c.perpetrator_person_id = h.origin_person_id
                      AND c.perpetrator_person_id <> c.origin_person_id) AS for_perpetrator
                  FROM held h ORDER BY h.position, h.seq`,
      )
      .all(root);
    const cases = this.readModels
      .statement<CaseRow, [string]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)}, held AS (${HELD_BY_MEMBERS(t, 'cases', 'r.*')})
                SELECT * FROM held ORDER BY referred_at, case_id`,
      )
      .all(root);
    const named = this.readModels
      .statement<Omit<CaseRow, 'marac_sensitive'>, [string]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)}, named AS (${HELD_BY_MEMBERS(t, 'cases', NAMED_COLUMNS, PERPETRATOR)})
                SELECT * FROM named ORDER BY referred_at, case_id`,
      )
      .all(root);
    const subjectOf = new Set(cases.map((row) => row.case_id));
    const panelsEverHeld = this.readModels
      .statement<{ panel: string }, [string]>(
        PERSON_INDEX,
        (t) => `SELECT panel FROM ${t.table('panels_held')} WHERE person_id = ? ORDER BY panel`,
      )
      .all(root)
      .map((row) => row.panel);
    const splitFrom = this.readModels
      .statement<
        { split_from: string | null },
        [string]
      >(PERSON_INDEX, (t) => `SELECT split_from FROM ${t.table('people')} WHERE person_id = ?`)
      .get(root)?.split_from;
    return {
      personId: root,
      mergedPersonIds: members.filter((id) => id !== root),
      registeredPosition: this.registrationOf(root) ?? 0,
      records: records.map((row) => ({
        recordId: row.record_id,
        ...storedDetails(row.details),
        sourceCaseId: row.source_case_id,
        sourcePanel: row.source_panel,
        score: row.score,
        levels: row.levels === null ? null : (JSON.parse(row.levels) as MatchLevels),
        ...modelOf(row),
        position: row.position,
        detailsPosition: row.details_position,
        forPerpetrator: row.for_perpetrator === 1,
      })),
      cases: cases.map((row) => ({
        caseId: row.case_id,
        panel: row.panel,
        open: row.open === 1,
        referredAt: row.referred_at,
        maracSensitive: row.marac_sensitive === null ? null : (JSON.parse(row.marac_sensitive) as MaracSensitive),
      })),
      namedOn: named
        .filter((row) => !subjectOf.has(row.case_id))
        .map((row) => ({
          caseId: row.case_id,
          panel: row.panel,
          role: 'perpetrator' as const,
          open: row.open === 1,
          referredAt: row.referred_at,
        })),
      panelsEverHeld,
      splitFrom: splitFrom == null ? null : (this.current(splitFrom) ?? splitFrom),
    };
  }

  /**
   * The person a case is about now (after merges and splits). Falls back to the id on the
   * referral while the index has not seen the case (or is not built yet).
   */
  personOfCase(caseId: string, referralPersonId: string): string {
    try {
      const row = this.readModels
        .statement<
          { person: string },
          [string]
        >(PERSON_INDEX, (t) => `SELECT COALESCE(moved_to, origin_person_id) AS person FROM ${t.table('cases')} WHERE case_id = ?`)
        .get(caseId);
      return this.current(row?.person ?? referralPersonId) ?? referralPersonId;
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return referralPersonId;
      throw error;
    }
  }

  /**
   * The person a MARAC case names as perpetrator now (after merges and splits that moved the
   * naming); undefined when it names none (or names its own subject) or the index cannot answer.
   */
  perpetratorOfCase(caseId: string): string | undefined {
    try {
      const row = this.readModels
        .statement<{ person: string | null; subject: string }, [string]>(
          PERSON_INDEX,
          (t) => `SELECT COALESCE(perpetrator_moved_to, perpetrator_person_id) AS person,
                         COALESCE(moved_to, origin_person_id) AS subject FROM ${t.table('cases')} WHERE case_id = ?`,
        )
        .get(caseId);
      if (row?.person == null) return undefined;
      const person = this.current(row.person);
      return person === undefined || person === this.current(row.subject) ? undefined : person;
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
  }

  /**
   * For each listed case, every case the person it is about now holds (under any id merged into
   * them or moved to them by a split), the listed case itself included: in one statement, with no
   * records and no JSON, for a page of the tracker. `referralPersonId` stands in for the case while
   * the index has not seen it, as in `personOfCase`; an id the index has never seen holds nothing.
   * `position` is the case's row id: rows are only ever inserted, one per case, as the log's
   * referrals are applied in order, so it orders cases as their referrals were recorded.
   */
  casesHeldWith(page: readonly ListedCase[]): HeldCase[] {
    if (page.length === 0) return [];
    return this.readModels
      .statement<
        HeldCase,
        [string]
      >(PERSON_INDEX, (t) => `${LISTED_MEMBERS(t)} ${HELD_BY_MEMBERS(t, 'cases', HELD_CASE_COLUMNS)}`)
      .all(listedJson(page));
  }

  /**
   * For each listed case the index has, the records the person it is about now holds that `panel`'s
   * referrals brought in, and the record the case's own referral brought in for its subject
   * (whoever's panel, wherever it is): in one statement for a whole tracker, as `casesHeldWith`
   * reads the people. A case the index has not reached is left out.
   */
  panelRecordsOfCases(page: readonly ListedCase[], panel: string): PanelRecordsOfCase[] {
    if (page.length === 0) return [];
    const rows = this.readModels
      .statement<ListedCaseRecordRow, [string, string]>(
        PERSON_INDEX,
        (t) => `${LISTED_MEMBERS(t)},
          held(of_case, record_id, details, source_case_id, source_panel) AS (
            ${HELD_BY_MEMBERS(t, 'records', 'm.of_case, r.record_id, r.details, r.source_case_id, r.source_panel')}),
          indexed(case_id, origin_person_id, perpetrator_person_id) AS (
            SELECT c.case_id, c.origin_person_id, c.perpetrator_person_id
              FROM (SELECT DISTINCT of_case FROM listed) l JOIN ${t.table('cases')} c ON c.case_id = l.of_case)
        SELECT c.case_id AS of_case, NULL AS record_id, NULL AS details, NULL AS source_panel, 'case' AS kind
          FROM indexed c
        UNION ALL
        SELECT h.of_case, h.record_id, h.details, h.source_panel, 'held' FROM held h
         WHERE h.source_panel = ? OR h.source_case_id = h.of_case
        UNION ALL
        SELECT c.case_id, r.record_id, r.details, r.source_panel, 'own'
          FROM indexed c CROSS JOIN ${t.table('records')} r ON r.source_case_id = c.case_id
         WHERE ${OWN_OF('c', 'r.origin_person_id')}`,
      )
      .all(listedJson(page), panel);
    return namesOfListedCases(rows, panel);
  }

  /**
   * The name search for `panel` as SQL to run on `connection`, inside the caller's read transaction
   * (the tables are those answering now); `words` are searchable and none is empty. Undefined when
   * the caller's tables live elsewhere (a past day's), or the answering index cannot say in SQL (not
   * built, or an older version without `record_names`): ask `panelRecordsOfCases` then.
   */
  casesNamedInSql(connection: Database.Database, panel: string, words: readonly string[]): CasesNamedInSql | undefined {
    const t = this.tablesInSql(connection);
    if (t === undefined) return undefined;
    return {
      named: { sql: CASES_NAMED(t, words.length), params: [...words, panel] },
      unnamed: (caseId) => ({
        sql: `NOT EXISTS (SELECT 1 FROM ${t.table('cases')} WHERE case_id = ${caseId})`,
        params: [],
      }),
    };
  }

  /**
   * `personOfCase` and the ids `person` gives, as SQL to run on `connection` inside the caller's
   * read transaction; undefined where `casesNamedInSql` is, and the caller asks case by case then.
   */
  peopleNowInSql(connection: Database.Database): PeopleNowInSql | undefined {
    const t = this.tablesInSql(connection);
    if (t === undefined) return undefined;
    return {
      personOfCase: (as, caseId, referralPersonId) => PERSON_OF_CASE(t, as, caseId, referralPersonId),
      current: (as, personId) => CURRENT(t, as, personId),
      holderOfRecord: (as, recordId) => HOLDER_OF_RECORD(t, as, recordId),
    };
  }

  /**
   * The answering index's tables, for SQL another read model runs on `connection`: none when that
   * is not this database (a past day's tables), the index is not built, or an older version (answering
   * while this one is rebuilt) or a newer one lacking what this release reads answers.
   */
  private tablesInSql(connection: Database.Database): Tables | undefined {
    if (connection !== this.readModels.connection) return undefined;
    let t: Tables & { version: number };
    try {
      t = this.readModels.tables(PERSON_INDEX);
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
    const { version } = personIndexProjection;
    if (t.version < version || (t.version > version && this.columnsLackingIn(t.version).length > 0)) return undefined;
    return t;
  }

  review(id: string): ReviewState | undefined {
    const row = this.readModels
      .statement<
        ProposalRow,
        [string]
      >(PERSON_INDEX, (t) => `SELECT * FROM ${t.table('proposals')} WHERE proposal_id = ?`)
      .get(id);
    return row === undefined
      ? undefined
      : {
          id,
          personIds: [row.person_a, row.person_b],
          status: row.status,
          position: row.position,
          tookEffect: tookEffect(row),
          mergeUndone: row.status === 'confirmed' && row.undone_by !== null,
          ...(row.conflict === null ? {} : { conflict: row.conflict }),
          ...(row.conflict_with === null ? {} : { conflictWith: row.conflict_with }),
          ...(row.survivor_person === null || row.merged_person === null
            ? {}
            : { merge: { survivorId: row.survivor_person, mergedId: row.merged_person } }),
        };
  }

  /** Whether a standing rejection keeps these two people apart (the shared merge rule's question). */
  rejectedBetween(a: string, b: string): boolean {
    return this.readModels.read(() => {
      const current = (id: string) => this.current(id) ?? id;
      const between = this.readModels
        .statement<StandingRejectionRow, [string, string]>(PERSON_INDEX, (t) => standingRejectionsSql(t, 'between'))
        .all(current(a), current(b))
        .map(toStandingRejection);
      return rejectionKeepingApart(a, b, { current, standingRejections: () => between }) !== undefined;
    });
  }

  /** Whether a split parted these two people, as they are now (split-apart.ts). */
  splitApartBetween(a: string, b: string): boolean {
    return this.readModels.read(
      () =>
        splitKeepingApart(a, b, [...this.splitsOf(a), ...this.splitsOf(b)], (id) => this.current(id) ?? id) !==
        undefined,
    );
  }

  /**
   * Every split that started this person or anyone merged into them, with whom it split them off.
   * Each split is on the row of the person it started, so those of two people are every split
   * between them, read through their keys alone.
   */
  private splitsOf(personId: string): SplitApart[] {
    return this.readModels
      .statement<{ person_id: string; split_from: string }, [string]>(
        PERSON_INDEX,
        (t) => `${MEMBERS(t)} SELECT p.person_id, p.split_from FROM members m
                JOIN ${t.table('people')} p ON p.person_id = m.id WHERE p.split_from IS NOT NULL`,
      )
      .all(personId)
      .map((row) => ({ personId: row.person_id, splitFrom: row.split_from }));
  }

  /**
   * Pairs of current people a split parted, each end as they are now, read once for the whole
   * queue: asking each person for their splits cost a statement per person though hardly anyone is
   * ever split. The same pairs `splitKeepingApart` finds (split-apart.ts), keyed like `rejectedPairs`.
   */
  private splitPairs(): Set<string> {
    return new Set(
      this.readModels
        .statement<{ person_id: string; split_from: string }, []>(
          PERSON_INDEX,
          (t) => `SELECT person_id, split_from FROM ${t.table('people')} WHERE split_from IS NOT NULL`,
        )
        .all()
        .flatMap((row) => {
          const [from, off] = [
            this.current(row.split_from) ?? row.split_from,
            this.current(row.person_id) ?? row.person_id,
          ];
          return from === off ? [] : [pairKey(from, off)];
        }),
    );
  }

  private standingRejections(): StandingRejection[] {
    return this.readModels
      .statement<StandingRejectionRow, []>(PERSON_INDEX, (t) => standingRejectionsSql(t, 'all'))
      .all()
      .map(toStandingRejection);
  }

  /**
   * Pairs of current people a reviewer said are two people. A rejection holds for the people, not
   * the records: merging a third record into one of them must not bring the question back.
   */
  private rejectedPairs(): Set<string> {
    return new Set(
      this.standingRejections().map(({ personIds: [a, b] }) => pairKey(this.current(a) ?? a, this.current(b) ?? b)),
    );
  }

  /**
   * Open proposals, oldest first, with both people as they are now, less those that need no review
   * or cannot be confirmed (see `whyNotQueued` in match-review.query.ts). Two proposals a merge has made
   * the same pair (C~A and C~B once B is merged into A) ask one question: only the older is queued,
   * and one decision on it settles both (a merge makes the other one person, a rejection keeps it apart).
   */
  openReviews(): QueuedReview[] {
    return this.readModels.read(() => {
      const rejected = this.rejectedPairs();
      const splitApart = this.splitPairs();
      const queued = new Set<string>();
      // Read once per person: the identifiers of their records, whether they hold anything (a case
      // is looked for only when they hold no record), and whom their MARAC cases name as
      // perpetrator. As `holdsNothing` says, an id never seen holds something.
      const holdings = new Map<string, Holding>();
      const holding = (id: string, known: boolean): Holding => {
        const read = holdings.get(id);
        if (read !== undefined) return read;
        const identifiers = known ? this.identifiersOf(id) : [];
        const held = {
          identifiers,
          nothing: known && holdsNothing(this.holdings(id, identifiers.length)),
          namings: known ? this.namingsAbout(id) : [],
        };
        holdings.set(id, held);
        return held;
      };
      return this.readModels
        .statement<ProposalRow, []>(
          PERSON_INDEX,
          (t) => `SELECT * FROM ${t.table('proposals')} WHERE status = 'open' ORDER BY position`,
        )
        .all()
        .flatMap((row) => {
          const [aNow, bNow] = [this.current(row.person_a), this.current(row.person_b)];
          const [a, b] = [aNow ?? row.person_a, bNow ?? row.person_b];
          // A pair that has become one person some other way needs no review, nor one with nobody to merge.
          const pair = pairKey(a, b);
          if (a === b || rejected.has(pair) || queued.has(pair)) return [];
          const [ofA, ofB] = [holding(a, aNow !== undefined), holding(b, bNow !== undefined)];
          if (ofA.nothing || ofB.nothing) return [];
          // Nor two people a split parted: it said they are two, and only undoing it makes them one.
          if (splitApart.has(pair)) return [];
          // Nor one whose scored records a split has moved off them: its score describes other people.
          if (this.proposalEvidenceMoved({ personIds: [row.person_a, row.person_b], position: row.position }))
            return [];
          // Nor a victim and the perpetrator her MARAC case names: that keeps them apart like a rejection.
          if (namingKeepingApart(a, b, [...ofA.namings, ...ofB.namings]) !== undefined) return [];
          // Nor one a confirmation would refuse: the two hold different values of one identifier now.
          if (conflictingIdentifierKinds(ofA.identifiers, ofB.identifiers).length > 0) return [];
          const levels = JSON.parse(row.levels) as MatchLevels;
          // Nor one whose agreeing identifier was removed since: its `agree` is no longer so.
          const held = [ofA.identifiers, ofB.identifiers] as const;
          if (this.agreementRemoved(levels.identifiers, [a, b], held, row.position)) return [];
          queued.add(pair);
          return [
            {
              id: row.proposal_id,
              personIds: [a, b] as const,
              score: row.score,
              levels,
              guards: JSON.parse(row.guards) as string[],
              ...modelOf(row),
              position: row.position,
            },
          ];
        });
    });
  }

  /**
   * A page of the people with open cases on two or more panels, by person id, after `after`: each
   * with every panel they have an open case on and those cases. A case counts for its subject and
   * for the perpetrator it names (once, as subject, for someone who is both), each resolved to the
   * current person; a closed or declined case counts for neither. With `readerPanels`, only people
   * with an open case on one of them. `total` counts every page.
   *
   * One statement: it reads every open case once (the grouping needs them all), where resolving
   * each person on its own made it an N+1 of lookups.
   */
  overlaps(page: OverlapPage): OverlapsPage {
    const rows = this.readModels
      .statement<OverlapRow, [{ panels: string | null; after: string; limit: number }]>(PERSON_INDEX, OVERLAPS_SQL)
      .all({
        panels: page.readerPanels === undefined ? null : JSON.stringify(page.readerPanels),
        after: page.after ?? '',
        limit: page.limit + 1,
      });
    const items: Overlap[] = [];
    for (const row of rows) {
      // The one row of an empty page carries the total only.
      if (row.person === null) continue;
      const last = items[items.length - 1];
      const entry: OpenCaseOf = { caseId: row.case_id, panel: row.panel, role: row.role };
      if (last?.personId === row.person) last.openCases.push(entry);
      else items.push({ personId: row.person, panels: [], openCases: [entry] });
    }
    for (const item of items) item.panels.push(...new Set(item.openCases.map((c) => c.panel)));
    for (const item of items) item.panels.sort();
    const shown = items.slice(0, page.limit);
    const total = rows[0]?.total ?? 0;
    return { items: shown, total, ...(items.length > page.limit ? { next: shown[shown.length - 1]?.personId } : {}) };
  }
}

type OverlapRow = { total: number } & (
  | { person: string; case_id: string; panel: string; role: CaseRole }
  | { person: null; case_id: null; panel: null; role: null }
);

/**
 * `merged` maps each id merged into another to the person it stands for now, as `current` follows
 * the pointers (at most 1,000 hops); `entries` are the open cases per current person (a perpetrator
 * id no person has names nobody); `listed` the page of people, after the cursor, by person id.
 */
const OVERLAPS_SQL = (t: { table(local: string): string }) => `WITH RECURSIVE
  up(id, now, hops) AS (
    SELECT person_id, merged_into, 1 FROM ${t.table('people')} WHERE merged_into IS NOT NULL
    UNION ALL
    SELECT u.id, p.merged_into, u.hops + 1 FROM up u JOIN ${t.table('people')} p ON p.person_id = u.now
     WHERE p.merged_into IS NOT NULL AND u.hops < 1000),
  merged(id, now) AS MATERIALIZED (SELECT id, now FROM (SELECT id, now, MAX(hops) FROM up GROUP BY id)),
  open_cases AS (
    SELECT case_id, panel, referred_at, COALESCE(moved_to, origin_person_id) AS subject,
           COALESCE(perpetrator_moved_to, perpetrator_person_id) AS perpetrator
      FROM ${t.table('cases')} WHERE open = 1),
  now_cases AS MATERIALIZED (
    SELECT c.case_id, c.panel, c.referred_at, COALESCE(ms.now, c.subject) AS subject,
           CASE WHEN p.person_id IS NOT NULL THEN COALESCE(mp.now, c.perpetrator) END AS perpetrator
      FROM open_cases c LEFT JOIN merged ms ON ms.id = c.subject
      LEFT JOIN ${t.table('people')} p ON p.person_id = c.perpetrator LEFT JOIN merged mp ON mp.id = c.perpetrator),
  entries(person, case_id, panel, referred_at, ord) AS MATERIALIZED (
    SELECT subject, case_id, panel, referred_at, 0 FROM now_cases
    UNION ALL
    SELECT perpetrator, case_id, panel, referred_at, 1 FROM now_cases WHERE perpetrator <> subject),
  overlapping AS MATERIALIZED (
    SELECT person FROM entries GROUP BY person
    HAVING MIN(panel) <> MAX(panel)
       AND (@panels IS NULL OR MAX(panel IN (SELECT value FROM json_each(@panels))))),
  listed AS (SELECT person FROM overlapping WHERE person > @after ORDER BY person LIMIT @limit)
SELECT n.total, l.person, e.case_id, e.panel, CASE e.ord WHEN 0 THEN 'subject' ELSE 'perpetrator' END AS role
  FROM (SELECT COUNT(*) AS total FROM overlapping) n
  LEFT JOIN (listed l JOIN entries e ON e.person = l.person) ON 1
 ORDER BY l.person, e.referred_at, e.case_id`;

/** Which page of overlaps: `readerPanels` undefined for a reader who sees every panel. */
export interface OverlapPage {
  readonly readerPanels?: readonly string[];
  /** The last person id of the previous page. */
  readonly after?: string;
  readonly limit: number;
}

export interface OverlapsPage {
  readonly items: Overlap[];
  readonly total: number;
  /** The last person id of this page, while more follow: pass it back as `cursor`. */
  readonly next?: string;
}

/** An open case and how the person takes part in it. */
export interface OpenCaseOf {
  readonly caseId: string;
  readonly panel: string;
  readonly role: CaseRole;
}

export interface Overlap {
  readonly personId: string;
  readonly panels: string[];
  /** In the order the cases were referred. */
  readonly openCases: OpenCaseOf[];
}

/** What the queue reads of each person in it (`openReviews`). */
interface Holding {
  readonly nothing: boolean;
  readonly identifiers: readonly PersonIdentifiers[];
  readonly namings: readonly PerpetratorNaming[];
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The model a row's link or proposal names, as an optional field: absent when it names none. */
export const modelOf = (row: { model: string | null }): { model?: DecidingModel } =>
  row.model === null ? {} : { model: JSON.parse(row.model) as DecidingModel };
