import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { PanelDefinition } from '../domain';
import { replayCohortUntil } from './cohort-as-of';
import { cohortItem, type CohortRow } from './cohort-item';
import { cohortProjection } from './cohort.projection';
import type { CohortQuery } from './cohort.query';

interface Tables {
  table(local: string): string;
}

const CLOSED_PHASES = "('closed', 'declined')";

function select(tables: Tables, query: CohortQuery, panel: string, now: Date): { sql: string; params: unknown[] } {
  const where = [`c.panel = ?`, `c.phase NOT IN ${CLOSED_PHASES}`];
  const params: unknown[] = [panel];
  const filter = (clause: string, ...values: unknown[]): void => {
    where.push(clause);
    params.push(...values);
  };
  if (query.status !== undefined) filter('c.current_status = ?', query.status);
  if (query.rag !== undefined) filter('c.rag = ?', query.rag);
  if (query.idva === 'none') where.push('c.marac_idva IS NULL');
  else if (query.idva !== undefined) filter('c.marac_idva = ?', query.idva);
  if (query.nextReviewBefore !== undefined)
    filter('c.next_meeting IS NOT NULL AND substr(c.next_meeting, 1, 10) <= ?', query.nextReviewBefore);
  const words = query.q?.trim().toLowerCase();
  if (words !== undefined && words !== '')
    filter("p.search_name LIKE ? ESCAPE '\\'", `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.overdue === 'true') {
    where.push(
      '((c.earliest_action_due IS NOT NULL AND c.earliest_action_due < ?) OR (c.follow_up_due IS NOT NULL AND c.follow_up_due < ?))',
    );
    params.push(now.toISOString().slice(0, 10), now.toISOString());
  }
  switch (query.eligibility) {
    case 'eligible':
      where.push('c.iom_eligible = 1');
      break;
    case 'not-eligible':
      where.push('c.iom_eligible = 0');
      break;
    case 'adopted':
    case 'rejected':
    case 'discretionary':
      where.push('c.iom_decision = ?');
      params.push(query.eligibility);
      break;
    case 'eligible-not-adopted':
      where.push("c.iom_eligible = 1 AND (c.iom_decision IS NULL OR c.iom_decision = 'rejected')");
      break;
    case undefined:
      break;
  }
  return {
    sql: `SELECT c.*, p.display_name FROM ${tables.table('cases')} c LEFT JOIN ${tables.table('people')} p ON p.person_id = c.person_id
          WHERE ${where.join(' AND ')} ORDER BY c.referred_at, c.case_id`,
    params,
  };
}

/** Answers the live tracker from the cohort read model, and past dates by replaying history. */
@Injectable()
export class CohortService {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  /** Merges and splits move cases between people: items show the person the case is about now. */
  @Inject(PersonIndexQuery) private readonly people!: PersonIndexQuery;

  async cohort(panel: PanelDefinition, query: CohortQuery, now: Date) {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const rows =
      query.asOf === undefined ? this.current(panel, query, now) : await this.asOf(panel, query, query.asOf, now);
    return {
      panel: panel.code,
      ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
      total: rows.length,
      items: rows
        .slice(offset, offset + limit)
        .map((row) =>
          cohortItem(
            { ...row, person_id: this.people.personOfCase(row.case_id, row.person_id) },
            panel.rules.kind,
            now,
          ),
        ),
      ...(offset + limit < rows.length ? { next: { offset: offset + limit, limit } } : {}),
    };
  }

  private current(panel: PanelDefinition, query: CohortQuery, now: Date): CohortRow[] {
    const tables = this.readModels.tables(cohortProjection.name);
    // After a version bump the older version answers until the new one is rebuilt; its tables
    // lack the new columns, and an item built from them would misstate (an IOM case as flagged).
    if (tables.version !== cohortProjection.version) {
      throw new ServiceUnavailableException(
        `The cohort tracker is being rebuilt as version ${cohortProjection.version}; retry shortly`,
      );
    }
    const { sql, params } = select(tables, query, panel.code, now);
    return this.readModels.connection.prepare<unknown[], CohortRow>(sql).all(...params);
  }

  /**
   * The same projection, fed only the events that had happened by the end of that day (by
   * occurredAt, not by when they were recorded), in a scratch in-memory database.
   */
  private async asOf(panel: PanelDefinition, query: CohortQuery, day: string, now: Date): Promise<CohortRow[]> {
    const endOfDay = Date.parse(`${day}T23:59:59.999Z`);
    const scratch = new Database(':memory:');
    try {
      const db = await replayCohortUntil(this.store, scratch, endOfDay);
      const { sql, params } = select(
        db,
        { ...query, overdue: query.overdue },
        panel.code,
        new Date(Math.min(now.getTime(), endOfDay)),
      );
      return scratch.prepare<unknown[], CohortRow>(sql).all(...params);
    } finally {
      scratch.close();
    }
  }
}
