import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { AUDIT_TRAIL_PROJECTION } from './audit-trail.projection';

export interface TrailFilter {
  readonly personId?: string;
  readonly caseId?: string;
  readonly actor?: string;
  readonly agency?: string;
  /** Inclusive lower bound on `at` (ISO-8601). */
  readonly from?: string;
  /** Exclusive upper bound on `at` (ISO-8601). */
  readonly to?: string;
  readonly actions?: readonly string[];
  /** Entries after this log position (the `next` of the previous page). */
  readonly after?: bigint;
  readonly limit: number;
}

export interface TrailItem {
  readonly position: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string; readonly agency: string };
  readonly action: string;
  readonly kind: 'read' | 'write';
  readonly caseId?: string;
  readonly personId?: string;
  readonly purpose?: string;
  readonly caseIds: readonly string[];
  readonly personIds: readonly string[];
  readonly stream: string;
  readonly revision: number;
  readonly eventId: string;
  readonly occurredAt?: string;
  readonly correlationId?: string;
  readonly parameters?: unknown;
  readonly resultCount?: number;
  readonly subject?: string;
}

interface EntryRow {
  position: bigint;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_agency: string;
  action: string;
  kind: 'read' | 'write';
  event_id: string;
  stream: string;
  revision: bigint;
  case_id: string | null;
  person_id: string | null;
  purpose: string | null;
  detail: string;
}

/** The auditor's questions, answered from the audit_trail read model in log order. */
@Injectable()
export class AuditTrailQuery {
  constructor(private readonly readModels: ReadModelDatabase) {}

  page(filter: TrailFilter): { items: TrailItem[]; next?: string } {
    const joins: string[] = [];
    const joinParams: unknown[] = [];
    const where: string[] = ['e.position > ?'];
    const params: unknown[] = [filter.after ?? -1n];
    const by = (column: string, value: string | undefined, operator = '='): void => {
      if (value === undefined) return;
      where.push(`e.${column} ${operator} ?`);
      params.push(value);
    };
    for (const [kind, id] of [
      ['person', filter.personId],
      ['case', filter.caseId],
    ] as const) {
      if (id === undefined) continue;
      joins.push(
        `JOIN {subjects} s_${kind} ON s_${kind}.position = e.position AND s_${kind}.kind = '${kind}' AND s_${kind}.id = ?`,
      );
      joinParams.push(id);
    }
    by('actor_id', filter.actor);
    by('actor_agency', filter.agency);
    by('at', filter.from, '>=');
    by('at', filter.to, '<');
    if (filter.actions !== undefined && filter.actions.length > 0) {
      where.push(`e.action IN (${filter.actions.map(() => '?').join(', ')})`);
      params.push(...filter.actions);
    }
    params.push(filter.limit + 1);
    const rows = this.readModels
      .statement<EntryRow, unknown[]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT e.* FROM ${t.table('entries')} e ${joins.join(' ').replaceAll('{subjects}', t.table('subjects'))}
         WHERE ${where.join(' AND ')} ORDER BY e.position LIMIT ?`,
      )
      .safeIntegers()
      .all(...joinParams, ...params);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      ...(rows.length > filter.limit && last !== undefined ? { next: last.position.toString() } : {}),
    };
  }

  /** Cases in which the person appears (as subject or otherwise), with their panel. */
  casesOf(personId: string): { caseId: string; panel: string | null }[] {
    return this.readModels
      .statement<{ caseId: string; panel: string | null }, [string]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT cp.case_id AS caseId, p.panel AS panel FROM ${t.table('case_people')} cp
           LEFT JOIN ${t.table('case_panels')} p ON p.case_id = cp.case_id
           WHERE cp.person_id = ? ORDER BY cp.case_id`,
      )
      .all(personId);
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

function toItem(row: EntryRow): TrailItem {
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    position: row.position.toString(),
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name, agency: row.actor_agency },
    action: row.action,
    kind: row.kind,
    ...(row.case_id === null ? {} : { caseId: row.case_id }),
    ...(row.person_id === null ? {} : { personId: row.person_id }),
    ...(row.purpose === null ? {} : { purpose: row.purpose }),
    caseIds: (detail['caseIds'] as string[] | undefined) ?? [],
    personIds: (detail['personIds'] as string[] | undefined) ?? [],
    stream: row.stream,
    revision: Number(row.revision),
    eventId: row.event_id,
    ...(typeof detail['occurredAt'] === 'string' ? { occurredAt: detail['occurredAt'] } : {}),
    ...(typeof detail['correlationId'] === 'string' ? { correlationId: detail['correlationId'] } : {}),
    ...(detail['parameters'] === undefined ? {} : { parameters: detail['parameters'] }),
    ...(typeof detail['resultCount'] === 'number' ? { resultCount: detail['resultCount'] } : {}),
    ...(typeof detail['subject'] === 'string' ? { subject: detail['subject'] } : {}),
  };
}
