import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError, type ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { shownName } from '../projections/cohort-people';
import { cohortProjection } from '../projections/cohort.projection';

/** What the chair sees of a listed case beside its id: the tracker's columns, for the meeting's panel. */
export interface AgendaCaseColumns {
  readonly personId: string | null;
  readonly displayName: string | null;
  /** The case's phase (`referred`, `accepted`, …), as the tracker's `status`. */
  readonly status: string | null;
  readonly currentStatus: string | null;
  readonly rag: string | null;
  readonly openActions: number | null;
  readonly marac?: { readonly repeat: boolean | null; readonly dashScore: number | null };
}

interface AgendaRow {
  case_id: string;
  person_id: string;
  display_name: string | null;
  phase: string;
  current_status: string | null;
  rag: string | null;
  open_actions: number;
  marac_repeat: number | null;
  dash_score: number | null;
}

const maracColumns = (kind: PanelDefinition['rules']['kind'] | undefined, row: AgendaRow | undefined) =>
  kind === 'marac'
    ? { marac: { repeat: row === undefined ? null : row.marac_repeat === 1, dashScore: row?.dash_score ?? null } }
    : {};

/**
 * The tracker's columns of each listed case, read from the `panel_cohort` read model. Unlike the
 * tracker, an agenda never fails for want of them: the read model follows the log by
 * milliseconds, and after a version bump the older version (lacking columns) answers until the
 * new one is built, so a case it does not hold at the current version gets nulls and the chair
 * still has the agenda. Only rows of the meeting's own panel are read: a listing the case
 * refused after the meeting recorded it (see the list route) must not show another panel's
 * person to this one.
 */
export function agendaCaseColumns(
  readModels: ReadModelDatabase,
  people: PersonIndexQuery,
  panelCode: string,
  caseIds: readonly string[],
): Map<string, AgendaCaseColumns> {
  const kind = findPanel(DEFAULT_PANEL_REGISTRY, panelCode)?.rules.kind;
  const rows = trackedRows(readModels, panelCode, caseIds);
  return new Map(
    caseIds.map((caseId) => {
      const row = rows.get(caseId);
      const columns: AgendaCaseColumns = {
        // Merges and splits move cases between people: the agenda names the person the case is about now.
        personId: row === undefined ? null : people.personOfCase(caseId, row.person_id),
        displayName: shownName(row?.display_name),
        status: row?.phase ?? null,
        currentStatus: row?.current_status ?? null,
        rag: row?.rag ?? null,
        openActions: row?.open_actions ?? null,
        ...maracColumns(kind, row),
      };
      return [caseId, columns];
    }),
  );
}

function trackedRows(readModels: ReadModelDatabase, panelCode: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Map<string, AgendaRow>();
  try {
    // One read transaction: a switch-over (another process may make it) cannot come between
    // the version checked and the tables read.
    const rows = readModels.read(() => {
      if (readModels.tables(cohortProjection.name).version !== cohortProjection.version) return [];
      return readModels
        .statement<AgendaRow, [string, string]>(
          cohortProjection.name,
          (t) => `SELECT c.case_id, c.person_id, p.display_name, c.phase, c.current_status, c.rag, c.open_actions,
                       c.marac_repeat, c.dash_score
                  FROM ${t.table('cases')} c LEFT JOIN ${t.table('people')} p ON p.person_id = c.person_id
                 WHERE c.panel = ? AND c.case_id IN (SELECT value FROM json_each(?))`,
        )
        .all(panelCode, JSON.stringify(caseIds));
    });
    return new Map(rows.map((row) => [row.case_id, row]));
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return new Map<string, AgendaRow>();
    throw error;
  }
}
