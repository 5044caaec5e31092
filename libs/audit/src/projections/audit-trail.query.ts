import { Injectable } from '@nestjs/common';
import {
  claimedByReferral,
  type IndexedPerson,
  PersonIndexQuery,
} from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError, ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { AUDIT_TRAIL_PROJECTION, auditTrailProjection } from './audit-trail.projection';
import type { CaseRole } from './trail-entry';
import { TrailItems, type TrailItem } from './trail-items';
import { TrailPageRows } from './trail-page';
import type { TrailFilter, TrailPerson } from './trail-filter';

export type { TrailItem } from './trail-items';

export type { TrailFilter, TrailPerson } from './trail-filter';

/** The cases a person holds now (about them, with their panel) and those that only name them. */
export interface HeldNow {
  readonly about: ReadonlyMap<string, string>;
  /** Cases naming them as perpetrator now (the naming follows a split of his record), with their panel. */
  readonly namedOn: ReadonlyMap<string, string>;
  /** Where in the log each record they hold joined a person (registered or linked). */
  readonly recordsAt: ReadonlyMap<string, number>;
  /** The records they hold that no referral claimed (a referral that failed part-way), as the index tags them. */
  readonly unclaimed: ReadonlySet<string>;
}

/** Stands in for a case's person in `personOfCase` to tell "not indexed" from an answer. */
const NOT_INDEXED = '';

/** The auditor's questions, answered from the audit_trail read model in log order. */
@Injectable()
export class AuditTrailQuery {
  private readonly people: PersonIndexQuery;

  constructor(private readonly readModels: ReadModelDatabase) {
    this.people = new PersonIndexQuery(readModels);
  }

  /**
   * Every id the person `personId` stands for is known by now (`ids`): the person it resolves to
   * and every id merged into them, the asked-for id first. And the cases they hold now by the
   * person index (`now`; a split moves cases between people, a referral's people in `case_people`
   * stay as the referral named them), the cases naming them without being about them, and their
   * records and which of them no referral claimed. While the person index has never been built, or
   * for an id it has not seen: just that id, and no `now`. One index read (one snapshot) answers
   * all of it, so a report never mixes two states of the index.
   */
  known(personId: string): { ids: string[]; now: HeldNow | undefined } {
    const person = this.indexed(personId);
    if (person === undefined) return { ids: [personId], now: undefined };
    return {
      ids: [...new Set([personId, person.personId, ...person.mergedPersonIds])],
      now: {
        about: new Map(person.cases.map((c) => [c.caseId, c.panel])),
        namedOn: new Map(person.namedOn.map((c) => [c.caseId, c.panel])),
        recordsAt: new Map(person.records.map((r) => [r.recordId, r.position])),
        unclaimed: new Set(person.records.filter((r) => !claimedByReferral(r)).map((r) => r.recordId)),
      },
    };
  }

  /**
   * The person a case is about now by the person index (after merges and splits), or undefined
   * while the index has not seen the case or was never built.
   */
  holderOf(caseId: string): string | undefined {
    const holder = this.people.personOfCase(caseId, NOT_INDEXED);
    return holder === NOT_INDEXED ? undefined : holder;
  }

  private indexed(personId: string): IndexedPerson | undefined {
    try {
      return this.people.person(personId);
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
  }

  /**
   * Whether the version answering queries is the one these queries are written for. After a
   * version bump the previous version keeps answering until the new one is rebuilt, and its
   * tables are not shaped for these queries.
   */
  isCurrent(): boolean {
    return this.readModels.tables(AUDIT_TRAIL_PROJECTION).version === auditTrailProjection.version;
  }

  /**
   * Whom `?personId=` reaches: every id the person is known by, and the cases that are theirs now
   * by the person index, as the subject access report has them: those they hold (through merges and
   * splits) or are named on as perpetrator now. A case a referral named them on that the index says
   * is neither (a split moved it or its perpetrator naming, or a merge was undone) is someone else's;
   * a referral the index has not reached yet stands as recorded. While the index has never been
   * built, or for an id it has not seen: no `cases`, so the referrals' people stand. One snapshot.
   */
  trailPerson(personId: string): TrailPerson {
    return this.readModels.read(() => {
      const { ids, now } = this.known(personId);
      if (now === undefined) return { ids };
      const cases = new Set([...now.about.keys(), ...now.namedOn.keys()]);
      for (const { caseId } of this.casesOf(ids)) {
        // The index has seen the case and it is neither about them nor names them now: a split moved it
        // (or his naming as its perpetrator) to someone else, or a merge that made it theirs was undone.
        if (!cases.has(caseId) && this.holderOf(caseId) === undefined) cases.add(caseId);
      }
      return { ids, cases: [...cases] };
    });
  }

  /**
   * One page of the entries `filter` allows. `person` is whom `filter.personId` reaches, when the
   * caller has it from `trailPerson` already (paging through a person reads the index once).
   */
  page(filter: TrailFilter, person?: TrailPerson): { items: TrailItem[]; next?: string } {
    const whom = filter.personId === undefined ? undefined : (person ?? this.trailPerson(filter.personId));
    return this.readModels.read(() => {
      const rows = new TrailPageRows(this.readModels).rows(filter, whom);
      const items = new TrailItems(this.readModels).render(rows.slice(0, filter.limit), filter.budget);
      const last = items[items.length - 1];
      return { items, ...(rows.length > items.length && last !== undefined ? { next: last.position } : {}) };
    });
  }

  /**
   * Cases in which any of `personIds` appears, with their panel and the role the person has in
   * each: `subject` when the case is about one of the ids, else `named`.
   */
  casesOf(personIds: readonly string[]): { caseId: string; panel: string | null; role: CaseRole }[] {
    return this.readModels
      .statement<{ caseId: string; panel: string | null; role: CaseRole }, [string]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT cp.case_id AS caseId, p.panel AS panel,
             CASE WHEN MAX(cp.role = 'subject') THEN 'subject' ELSE 'named' END AS role
           FROM ${t.table('case_people')} cp
           LEFT JOIN ${t.table('case_panels')} p ON p.case_id = cp.case_id
           WHERE cp.person_id IN (SELECT value FROM json_each(?)) GROUP BY cp.case_id ORDER BY cp.case_id`,
      )
      .all(JSON.stringify(personIds));
  }

  /** The panel of every case named, for redaction. */
  panelsOf(caseIds: readonly string[]): Map<string, string> {
    const statement = this.readModels.statement<string, [string]>(
      AUDIT_TRAIL_PROJECTION,
      (t) => `SELECT panel FROM ${t.table('case_panels')} WHERE case_id = ?`,
    );
    const panels = new Map<string, string>();
    for (const caseId of caseIds) {
      const panel = statement.pluck().get(caseId);
      if (panel !== undefined) panels.set(caseId, panel);
    }
    return panels;
  }
}
