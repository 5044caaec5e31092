import { ProjectionNotAvailableError, ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { StoredPage, TrailRow } from '../domain/trail-consistency';
import { AUDIT_TRAIL_PROJECTION, auditTrailProjection } from '../projections/audit-trail.projection';
import { ACT_FIELDS, COMPARED_COLUMNS, entryContent, type Link } from '../projections/trail-derived';
import type { CasePersonRow, CaseRows } from '../domain/referral-rows';

/**
 * The trail's entries by position, read-only, for verification. The entries table keeps
 * `position` and `event_id` in every version of the projection, so the active one is read; the
 * rest of a row is read only from the version `trail-derived.ts` derives rows for.
 */
export class TrailRows {
  constructor(private readonly readModels: ReadModelDatabase) {}

  /**
   * The last log position the active trail has processed (-1 before any); undefined while no
   * version answers (being built), when there is nothing to compare.
   */
  processedUpTo(): bigint | undefined {
    let version: number;
    try {
      version = this.readModels.tables(AUDIT_TRAIL_PROJECTION).version;
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
    const position = this.readModels.connection
      .prepare<[string, number], bigint>('SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?')
      .pluck()
      .safeIntegers()
      .get(AUDIT_TRAIL_PROJECTION, version);
    return position ?? -1n;
  }

  /**
   * Rows with `after < position <= upTo`, in position order, and the people and panel held for each
   * of `referredCases`, read in one snapshot. Rows carry their content (columns, act, links) when
   * the active version is the one this code derives rows for; during a switch to another version
   * only event ids are compared.
   */
  between(
    after: bigint,
    upTo: bigint,
    referredCases: Iterable<string> = [],
    streams: Iterable<string> = [],
  ): StoredPage {
    return this.readModels.read(() => {
      if (!this.isDerivedVersion()) return { rows: this.eventIds(after, upTo), cases: new Map(), streams: new Map() };
      const links = groupByPosition(this.links(after, upTo));
      const rows = this.entries(after, upTo).map((row): TrailRow => {
        const position = row[0] as bigint;
        const act = row.slice(ACT_AT);
        return {
          position,
          eventId: row[1] as string,
          content: entryContent(row, STORED_COLUMNS, act, links.get(position)),
        };
      });
      const cases = new Map<string, CaseRows>();
      for (const caseId of referredCases) cases.set(caseId, this.caseRows(caseId));
      const kept = new Map<string, StreamSubjectKept[]>();
      for (const stream of streams) kept.set(stream, this.streamSubjects(stream));
      return { rows, cases, streams: kept };
    });
  }

  /** Whether the active version is the one `trail-derived.ts` derives rows for (not mid-switch to another). */
  private isDerivedVersion(): boolean {
    return this.readModels.tables(AUDIT_TRAIL_PROJECTION).version === auditTrailProjection.version;
  }

  private eventIds(after: bigint, upTo: bigint): TrailRow[] {
    return this.readModels
      .statement<{ position: bigint; eventId: string }, [bigint, bigint]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT position, event_id AS eventId FROM ${t.table('entries')}
           WHERE position > ? AND position <= ? ORDER BY position`,
      )
      .safeIntegers()
      .all(after, upTo);
  }

  /** Entries as `[position, event_id, ...COMPARED_COLUMNS, ...ACT_FIELDS]` (act fields null when its row is gone). */
  private entries(after: bigint, upTo: bigint): unknown[][] {
    return this.readModels
      .statement<unknown[], [bigint, bigint]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT e.position, e.event_id, ${COMPARED_COLUMNS.map((name) => `e.${name}`).join(', ')},
             ${ACT_FIELDS.map((name) => `a.${name}`).join(', ')}
           FROM ${t.table('entries')} e LEFT JOIN ${t.table('acts')} a ON a.key = e.act
           WHERE e.position > ? AND e.position <= ? ORDER BY e.position`,
      )
      .raw()
      .safeIntegers()
      .all(after, upTo);
  }

  private links(after: bigint, upTo: bigint): StoredLink[] {
    return this.readModels
      .statement<StoredLink, [bigint, bigint]>(
        AUDIT_TRAIL_PROJECTION,
        (t) => `SELECT position, kind, id, named FROM ${t.table('subjects')} WHERE position > ? AND position <= ?`,
      )
      .safeIntegers()
      .all(after, upTo);
  }

  /**
   * What the trail kept of a stream's subjects before `before`, in the order the projection reads
   * them (`trail-stream-subjects.ts`): what its writer read back when it recorded the event there.
   */
  readonly streamSubjectsBefore = (stream: string, before: bigint): { kind: 'case' | 'person'; id: string }[] =>
    // Another version's rows are compared by event id only, and may not keep stream subjects at all.
    !this.isDerivedVersion()
      ? []
      : this.readModels
          .statement<{ kind: 'case' | 'person'; id: string }, [string, bigint]>(
            AUDIT_TRAIL_PROJECTION,
            (t) =>
              `SELECT kind, id FROM ${t.table('stream_subjects')} WHERE stream = ? AND since < ? ORDER BY since, kind`,
          )
          .safeIntegers()
          .all(stream, before);

  private streamSubjects(stream: string): StreamSubjectKept[] {
    return this.readModels
      .statement<StreamSubjectKept, [string]>(
        AUDIT_TRAIL_PROJECTION,
        (t) => `SELECT kind, id, since FROM ${t.table('stream_subjects')} WHERE stream = ?`,
      )
      .safeIntegers()
      .all(stream);
  }

  /** The people and panel the trail holds for a case (primary-key lookups). */
  private caseRows(caseId: string): CaseRows {
    const people = this.readModels
      .statement<CasePersonRow, [string]>(
        AUDIT_TRAIL_PROJECTION,
        (t) => `SELECT person_id AS personId, role, since FROM ${t.table('case_people')} WHERE case_id = ?`,
      )
      .safeIntegers()
      .all(caseId);
    const panel = this.readModels
      .statement<string, [string]>(
        AUDIT_TRAIL_PROJECTION,
        (t) => `SELECT panel FROM ${t.table('case_panels')} WHERE case_id = ?`,
      )
      .pluck()
      .get(caseId);
    return { people, panel: panel ?? null };
  }
}

interface StreamSubjectKept {
  readonly kind: string;
  readonly id: string;
  readonly since: bigint;
}

/** Where each compared column and the act's fields sit in a row of `entries`. */
const STORED_COLUMNS = COMPARED_COLUMNS.map((_, i) => i + 2);
const ACT_AT = 2 + COMPARED_COLUMNS.length;

interface StoredLink {
  readonly position: bigint;
  readonly kind: string;
  readonly id: string;
  readonly named: bigint;
}

function groupByPosition(rows: readonly StoredLink[]): Map<bigint, Link[]> {
  const links = new Map<bigint, Link[]>();
  for (const { position, kind, id, named } of rows) {
    const list = links.get(position);
    if (list === undefined) links.set(position, [[kind, id, named]]);
    else list.push([kind, id, named]);
  }
  return links;
}
