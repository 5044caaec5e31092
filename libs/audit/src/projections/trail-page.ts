import { agencyKey } from '../../../information-sharing/src/domain/moments';
import type { ActiveTables, ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { AUDIT_TRAIL_PROJECTION } from './audit-trail.projection';
import { PERSON_STREAM, PERSON_VIEWED, READ_STREAM } from './trail-entry';
import type { TrailFilter, TrailPerson } from './trail-filter';
import { storedInstant } from './trail-instants';
import type { EntryRow } from './trail-items';
import { positionBounds, STRETCH } from './trail-stretches';

type Table = (local: string) => string;

const PEOPLE = '(SELECT value FROM json_each(:people))';
const CASES = '(SELECT value FROM json_each(:cases))';
const ACTS = '(SELECT value FROM json_each(:acts))';

/**
 * Streams of one person's records, matches, merges and splits (as the subject access report's person
 * events): their events are about people, whatever case they name.
 */
const IDENTITY_STREAMS = `(e.stream GLOB '${PERSON_STREAM}*' OR e.stream GLOB 'personmatch-*'
  OR e.stream GLOB 'identity-*')`;

/**
 * A read (`e`) reached through one of the person's ids as a subject (`s`): a read lists a case in its
 * `case_id` column and every other person it showed as a subject, so the case column does not say
 * whether the read showed them on their own (a register search listing a disclosure about them alone
 * beside another person's case). It is theirs unless it names them only as someone a case that is not
 * theirs now names (its subject or perpetrator as the referral recorded them): that case's holder has
 * it. Key lookups: the person's referral cases (`case_people_by_person`), the read's own subjects.
 */
const listedThem = (t: Table): string => `(e.stream GLOB '${READ_STREAM}*' AND NOT EXISTS (
      SELECT 1 FROM ${t('case_people')} cp WHERE cp.person_id = s.id AND cp.case_id NOT IN ${CASES}
        AND (cp.case_id = e.case_id OR EXISTS (SELECT 1 FROM ${t('subjects')} c
          WHERE c.position = s.position AND c.kind = 'case' AND c.id = cp.case_id))))`;

/**
 * Positions of the entries that concern a person as their referrals named them (under any of their
 * ids): those that are about them, those that name them, and those about or naming one of their
 * cases from the case's referral on (the people of a case are not written into its entries, see
 * `trail-entry.ts`). Each branch is an index range per id. CROSS JOIN keeps the person's cases
 * outside: the planner otherwise walked every subject that is a case, which reads add dozens of per search.
 */
const referredPositions = (t: Table): string => `
  SELECT position FROM ${t('entries')} WHERE person_id IN ${PEOPLE} AND position > :after AND position <= :last
  UNION SELECT position FROM ${t('subjects')}
    WHERE kind = 'person' AND id IN ${PEOPLE} AND position > :after AND position <= :last
  UNION SELECT e.position FROM ${t('case_people')} cp
    JOIN ${t('entries')} e ON e.case_id = cp.case_id AND e.position >= cp.since
      AND e.position > :after AND e.position <= :last
    WHERE cp.person_id IN ${PEOPLE}
  UNION SELECT s.position FROM ${t('case_people')} cp
    CROSS JOIN ${t('subjects')} s ON s.kind = 'case' AND s.id = cp.case_id AND s.position >= cp.since
      AND s.position > :after AND s.position <= :last
    WHERE cp.person_id IN ${PEOPLE}`;

/**
 * The person's cases (`:cases`), each from where it is theirs: the referral that named them, else
 * the case's first referral (a case a split moved to them), else the log's start.
 */
const casesFrom = (t: Table): string => `(SELECT c.value AS case_id, COALESCE(
      (SELECT MIN(since) FROM ${t('case_people')} WHERE case_id = c.value AND person_id IN ${PEOPLE}),
      (SELECT MIN(since) FROM ${t('case_people')} WHERE case_id = c.value), 0) AS since
    FROM json_each(:cases) c)`;

/**
 * Positions of the entries that concern a person whose cases are given (`:cases`, by the person
 * index): every entry of those cases from where they are theirs, and the entries about or naming
 * them that name no case, one of those cases, or are about them whatever case they name (an identity
 * event, a view of them, a read that listed them: `listedThem`). The rest name them only as someone
 * a case that is someone else's now names: a split moved it or his naming on it, or a merge that
 * made it theirs was undone. Index ranges as above; the filters on an entry reached through an id are
 * rows and an act looked up by key.
 */
const heldPositions = (t: Table): string => `
  SELECT e.position FROM ${t('entries')} e WHERE e.person_id IN ${PEOPLE} AND e.position > :after AND e.position <= :last
    AND (e.case_id IS NULL OR e.case_id IN ${CASES} OR ${IDENTITY_STREAMS}
      OR (SELECT action FROM ${t('acts')} WHERE key = e.act) = '${PERSON_VIEWED}')
  UNION SELECT s.position FROM ${t('subjects')} s CROSS JOIN ${t('entries')} e ON e.position = s.position
    WHERE s.kind = 'person' AND s.id IN ${PEOPLE} AND s.position > :after AND s.position <= :last
      AND (e.case_id IS NULL OR e.case_id IN ${CASES} OR ${IDENTITY_STREAMS} OR ${listedThem(t)})
  UNION SELECT e.position FROM ${casesFrom(t)} c
    CROSS JOIN ${t('entries')} e ON e.case_id = c.case_id AND e.position >= c.since
      AND e.position > :after AND e.position <= :last
  UNION SELECT s.position FROM ${casesFrom(t)} c
    CROSS JOIN ${t('subjects')} s ON s.kind = 'case' AND s.id = c.case_id AND s.position >= c.since
      AND s.position > :after AND s.position <= :last`;

const casePositions = (t: Table): string => `
  SELECT position FROM ${t('entries')} WHERE case_id = :case AND position > :after AND position <= :last
  UNION SELECT position FROM ${t('subjects')}
    WHERE kind = 'case' AND id = :case AND position > :after AND position <= :last`;

/** The candidate positions a person or case filter allows, or undefined for the whole trail. */
function candidates(filter: TrailFilter, held: boolean, t: Table): string | undefined {
  const person = held ? heldPositions : referredPositions;
  if (filter.personId !== undefined && filter.caseId !== undefined) {
    return `SELECT position FROM (${person(t)}) INTERSECT SELECT position FROM (${casePositions(t)})`;
  }
  if (filter.personId !== undefined) return person(t);
  if (filter.caseId !== undefined) return casePositions(t);
  return undefined;
}

/**
 * How a page finds its entries. `single`: one act key, an index range in position order. `many`:
 * several act keys and no person or case; each key's range is merged and sorted, so it is read a
 * window of positions at a time (`rows`). `none`: any act, or a person or case's candidates.
 */
type ActShape = 'none' | 'single' | 'many';

/**
 * The page's SQL: entries in position order within `(:after, :last]` that the filter allows.
 * `held`: the person's cases are given (`:cases`), else those their referrals named them on.
 */
function pageSql(filter: TrailFilter, acts: ActShape, held: boolean, t: Table): string {
  const hits = candidates(filter, held, t);
  // CROSS JOIN keeps the candidate positions as the outer loop: they are few, the trail is long.
  const from = hits === undefined ? `${t('entries')} e` : `(${hits}) hits CROSS JOIN ${t('entries')} e`;
  const conditions = [
    ...(hits === undefined ? ['e.position > :after', 'e.position <= :last'] : ['e.position = hits.position']),
    ...(filter.from === undefined ? [] : ['e.at >= :from']),
    ...(filter.to === undefined ? [] : ['e.at < :to']),
    ...(acts === 'single' ? ['e.act = :act'] : acts === 'many' ? [`e.act IN ${ACTS}`] : []),
  ];
  return `SELECT e.*, a.actor_id, a.actor_name, a.actor_agency, a.action
    FROM ${from} CROSS JOIN ${t('acts')} a ON a.key = e.act
    WHERE ${conditions.join(' AND ')} ORDER BY e.position LIMIT :limit`;
}

/**
 * The acts (who did what) the filter's actor and actions allow, with each one's agency for the
 * agency filter to fold (`agencyKey` has no SQL form: SQLite's `lower` folds ASCII only). There is
 * one act per actor and action, not per entry, so reading them all is cheap.
 */
function actSql(filter: TrailFilter, t: Table): string {
  const actions = filter.actions ?? [];
  const conditions = [
    ...(filter.actor === undefined ? [] : ['actor_id = :actor']),
    ...(actions.length === 0 ? [] : [`action IN (SELECT value FROM json_each(:actions))`]),
  ];
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  return `SELECT key, actor_agency AS agency FROM ${t('acts')}${where}`;
}

/** The first window of a `many` page: a few stretches, widened twofold each time it falls short. */
const FIRST_WINDOW = 4n * STRETCH;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * Reads the rows of one page of the trail: up to `limit + 1` entries in position order (one more
 * than the page, to tell whether there is a next). Call inside `ReadModelDatabase.read` with the
 * query version current.
 *
 * Work stays near the page, not the trail: a time filter is first turned into a range of
 * positions (`trail-stretches.ts`), then every filter is a scan in position order that stops at
 * the limit. One act key is an index range in order; several are read a window of positions at a
 * time, each key an index range within it, so only a window's matches are ever sorted (the whole
 * index range of an agency's 250,000 entries was, for every page).
 */
export class TrailPageRows {
  constructor(private readonly readModels: ReadModelDatabase) {}

  /** `person`: whom `filter.personId` reaches (`AuditTrailQuery.trailPerson`). */
  rows(filter: TrailFilter, person: TrailPerson | undefined): EntryRow[] {
    const from = filter.from === undefined ? undefined : this.instant(filter.from);
    const to = filter.to === undefined ? undefined : this.instant(filter.to);
    const bounds = positionBounds(
      { first: (at) => this.stretch('MIN', 'latest >=', at), last: (at) => this.stretch('MAX', 'earliest <', at) },
      from,
      to,
    );
    const head = this.scalar((t) => `SELECT MAX(position) FROM ${t.table('entries')}`, {});
    if (bounds === undefined || head === null) return [];
    const acts = this.acts(filter);
    if (acts !== undefined && acts.length === 0) return [];
    const shape: ActShape = acts === undefined ? 'none' : acts.length === 1 ? 'single' : 'many';
    const cases = filter.personId === undefined ? undefined : person?.cases;
    const values: Record<string, unknown> = {
      after: max(filter.after ?? -1n, bounds.first - 1n),
      last: min(min(bounds.last, head), filter.through ?? head),
      limit: filter.limit + 1,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(filter.personId === undefined ? {} : { people: JSON.stringify(person?.ids ?? [filter.personId]) }),
      ...(cases === undefined ? {} : { cases: JSON.stringify(cases) }),
      ...(filter.caseId === undefined ? {} : { case: filter.caseId }),
      ...(acts === undefined ? {} : acts.length === 1 ? { act: acts[0] } : { acts: JSON.stringify(acts) }),
    };
    const sql = (t: ActiveTables) => pageSql(filter, shape, cases !== undefined, t.table);
    const windowed = shape === 'many' && filter.personId === undefined && filter.caseId === undefined;
    return windowed ? this.windows(sql, values) : this.all(sql, values);
  }

  /**
   * The rows of several act keys, a window of positions at a time: each window sorts its own
   * matches only, and a window that falls short of the page is followed by one twice as wide, so a
   * sparse filter crosses the log in a few dozen index seeks per key.
   */
  private windows(sql: (t: ActiveTables) => string, values: Record<string, unknown>): EntryRow[] {
    const rows: EntryRow[] = [];
    const wanted = values['limit'] as number;
    const last = values['last'] as bigint;
    let after = values['after'] as bigint;
    for (let width = FIRST_WINDOW; rows.length < wanted && after < last; width *= 2n) {
      const end = min(last, after + width);
      rows.push(...this.all(sql, { ...values, after, last: end, limit: wanted - rows.length }));
      after = end;
    }
    return rows;
  }

  private all(sql: (t: ActiveTables) => string, values: Record<string, unknown>): EntryRow[] {
    return this.readModels
      .statement<EntryRow, [Record<string, unknown>]>(AUDIT_TRAIL_PROJECTION, sql)
      .safeIntegers()
      .all(values);
  }

  private acts(filter: TrailFilter): number[] | undefined {
    const actions = filter.actions ?? [];
    if (filter.actor === undefined && filter.agency === undefined && actions.length === 0) return undefined;
    const values = {
      ...(filter.actor === undefined ? {} : { actor: filter.actor }),
      ...(actions.length === 0 ? {} : { actions: JSON.stringify(actions) }),
    };
    const acts = this.readModels
      .statement<
        { key: number; agency: string },
        [Record<string, unknown>]
      >(AUDIT_TRAIL_PROJECTION, (t) => actSql(filter, t.table))
      .all(values);
    // Agencies are typed by people and tokens alike: compared as the disclosure register compares them.
    const agency = filter.agency === undefined ? undefined : agencyKey(filter.agency);
    return acts.filter((act) => agency === undefined || agencyKey(act.agency) === agency).map((act) => act.key);
  }

  /** The first or last stretch holding an entry on the given side of `at`. */
  private stretch(aggregate: 'MIN' | 'MAX', condition: string, at: string): bigint | null {
    return this.scalar((t) => `SELECT ${aggregate}(stretch) FROM ${t.table('stretches')} WHERE ${condition} :at`, {
      at,
    });
  }

  private scalar(sql: (t: ActiveTables) => string, values: Record<string, unknown>): bigint | null {
    return (
      this.readModels
        .statement<bigint | null, [Record<string, unknown>]>(AUDIT_TRAIL_PROJECTION, sql)
        .pluck()
        .safeIntegers()
        .get(values) ?? null
    );
  }

  private instant(value: string): string {
    const instant = storedInstant(value);
    // The route's rules refuse what names no instant; a caller in code that passes one is a bug.
    if (instant === undefined) throw new RangeError(`not an instant the trail can compare: ${value}`);
    return instant;
  }
}
