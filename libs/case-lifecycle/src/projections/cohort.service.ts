import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { asOfReach, type PanelDefinition } from '../domain';
import { endOfUkDay } from '../domain/calendar';
import type Database from 'better-sqlite3';
import { cohortCursor, parseCohortCursor } from './cohort-cursor';
import { alsoPendingBeside } from './cohort-also-pending';
import { cohortItem, type CohortRow } from './cohort-item';
import { repeatsAsKnownNow, type RepeatsAsKnownNow } from './cohort-marac-repeat';
import { peopleNowFrom, type CasesOfPeopleNow } from './cohort-people-now';
import { referralNamesFrom, type ReferralNames } from './cohort-referral-names';
import { cohortRows } from './cohort-rows';
import type { CohortPageBounds } from './cohort-select';
import { previousVersionBody, requireAnswerable, unknownFields, withUnknownNull } from './cohort-previous-version';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';
import { PastCohorts } from './past-cohorts';

interface Tables {
  table(local: string): string;
}

/** The end of a `YYYY-MM-DD` UK day, in epoch ms: an as-of cohort holds everything that happened that day. */
const endOfDay = (day: string): number => endOfUkDay(day) ?? Date.parse(`${day}T23:59:59.999Z`);

/**
 * The page after `onPage`: always its last case as the cursor (`after`), stable under writes; and,
 * for a client paging by offset, the offset that follows (none once paging by cursor: how many
 * cases now come before the cursor is not counted).
 */
function nextPage(onPage: readonly CohortRow[], page: CohortPageBounds) {
  const last = onPage.at(-1);
  return {
    ...(page.after === undefined ? { offset: page.offset + page.limit } : {}),
    limit: page.limit,
    ...(last === undefined ? {} : { after: cohortCursor(last) }),
  };
}

/** Answers the live tracker from the cohort read model, and past dates by replaying history. */
@Injectable()
export class CohortService implements OnModuleDestroy {
  private readonly pastCohorts: PastCohorts;

  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.pastCohorts = new PastCohorts(store);
  }
  /** Merges and splits move cases between people: items show the person the case is about now. */
  @Inject(PersonIndexQuery) private readonly people!: PersonIndexQuery;
  private readonly peopleNow: CasesOfPeopleNow = peopleNowFrom({
    personOfCase: (caseId, referralPersonId) => this.people.personOfCase(caseId, referralPersonId),
    person: (personId) => this.people.person(personId),
    casesHeldWith: (page) => this.people.casesHeldWith(page),
    peopleNowInSql: (connection) => this.people.peopleNowInSql(connection),
  });

  async cohort(panel: PanelDefinition, query: CohortQuery, now: Date) {
    const limit = query.limit ?? 50;
    const after = query.after === undefined ? undefined : parseCohortCursor(query.after);
    // `next` gives both: a client passing it back whole pages by the cursor.
    const offset = after === undefined ? (query.offset ?? 0) : 0;
    // A past day's items say what was overdue on that day, as its `overdue` filter does.
    const asAt = query.asOf === undefined ? now : new Date(Math.min(now.getTime(), endOfDay(query.asOf)));
    const page = { offset, limit, ...(after === undefined ? {} : { after }) };
    const names = referralNamesFrom(this.people);
    const {
      rows: onPage,
      total,
      more,
      repeats,
      previous,
    } = query.asOf === undefined
      ? this.current(panel, query, now, page, names)
      : { ...(await this.asOf(panel, query, query.asOf, now, asAt, page, names)), previous: undefined };
    // Answered by a previous version during a version bump: what it cannot say is null, not guessed.
    const unknown = previous === undefined ? [] : unknownFields(previous, panel.rules.kind);
    const shownNames = names.shownFor(onPage.map((row) => ({ caseId: row.case_id, referralPersonId: row.person_id })));
    const item = (row: CohortRow) =>
      cohortItem(
        {
          ...row,
          person_id: this.people.personOfCase(row.case_id, row.person_id),
          // The tracker's own name is the person's registration, perhaps another panel's.
          display_name: shownNames.get(row.case_id) ?? null,
        },
        panel.rules.kind,
        asAt,
        repeats.recognisedLater.has(row.case_id),
        repeats.noLongerHeld.has(row.case_id),
        repeats.fromReported.has(row.case_id),
      );
    return {
      panel: panel.code,
      ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
      ...(previous === undefined ? {} : { previousVersion: previousVersionBody(previous, unknown) }),
      total,
      items: onPage.map((row) => withUnknownNull(item(row), unknown)),
      ...(more ? { next: nextPage(onPage, page) } : {}),
      ...(names.pending.size === 0 ? {} : { namesPending: names.pending.size }),
    };
  }

  /**
   * The page's rows, how many the query selects, which of the page's MARAC cases are repeats other
   * than their referral flagged, and each IOM row's other referrals awaiting a decision (read in the same snapshot).
   */
  private answer(
    connection: Database.Database,
    tables: Tables,
    panel: PanelDefinition,
    query: CohortQuery,
    asAt: Date,
    page: CohortPageBounds,
    names: ReferralNames,
  ) {
    const { rows, total, more } = cohortRows(connection, tables, query, panel.code, asAt, this.peopleNow, names, page);
    const repeats: RepeatsAsKnownNow =
      panel.rules.kind === 'marac'
        ? repeatsAsKnownNow(rows, connection, tables, this.peopleNow)
        : { recognisedLater: new Set(), noLongerHeld: new Set(), fromReported: new Set() };
    if (panel.rules.kind === 'iom') {
      const beside = alsoPendingBeside(rows, connection, tables, panel.code, this.peopleNow);
      for (const row of rows) row.also_pending = beside.get(row.case_id) ?? [];
    }
    return { rows, total, more, repeats };
  }

  private current(panel: PanelDefinition, query: CohortQuery, now: Date, page: CohortPageBounds, names: ReferralNames) {
    // One read transaction, from resolving the tables on: the rows, meetings and other cases read
    // share one snapshot, and another process switching versions meanwhile cannot drop the
    // tables from under the query.
    return this.readModels.read(() => {
      // After a version bump the previous version answers until the new one is rebuilt, through
      // tables shaped as this version's: a filter on what it lacks is refused, the rest marked.
      const tables = this.readModels.tablesFor(cohortProjection);
      if (tables.previous !== undefined) requireAnswerable(tables.previous, query);
      const answer = this.answer(this.readModels.connection, tables, panel, query, now, page, names);
      return { ...answer, previous: tables.previous };
    });
  }

  /**
   * The same projection, fed only the events that had happened by the end of that day (by
   * occurredAt, not by when they were recorded), in an in-memory database kept while the log
   * does not move (`PastCohorts`). Today also takes facts dated up to the clock skew ahead of
   * now, which a referral at 00:01 sent at 23:57 is: the live tracker lists it, and today's
   * cohort must not leave it out for those minutes.
   */
  private asOf(
    panel: PanelDefinition,
    query: CohortQuery,
    day: string,
    now: Date,
    asAt: Date,
    page: CohortPageBounds,
    names: ReferralNames,
  ) {
    const reach = asOfReach(day, now);
    return this.pastCohorts.query(
      day,
      (tables, connection) => this.answer(connection, tables, panel, query, asAt, page, names),
      reach,
    );
  }

  onModuleDestroy(): void {
    this.pastCohorts.close();
  }
}
