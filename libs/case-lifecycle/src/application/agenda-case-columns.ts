import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError, type ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { shownName } from '../projections/cohort-people';
import { cohortProjection } from '../projections/cohort.projection';
import { repeatsRecognisedLater } from '../projections/cohort-marac-repeat';
import { peopleNowFrom, type CasesOfPeopleNow } from '../projections/cohort-people-now';

/** What the chair sees of a listed case beside its id: the tracker's columns, for the meeting's panel. */
export interface AgendaCaseColumns {
  readonly personId: string | null;
  readonly displayName: string | null;
  /** The case's phase (`referred`, `accepted`, …), as the tracker's `status`. */
  readonly status: string | null;
  readonly currentStatus: string | null;
  readonly rag: string | null;
  readonly openActions: number | null;
  /**
   * MARAC: `repeat` as now known, the referral's own flag or one the history as known now shows
   * (identities merged since, a split that moved a case, an earlier referral recorded later);
   * `repeatRecognisedLater` is true only for the second kind, as on the tracker.
   */
  readonly marac?: {
    readonly repeat: boolean | null;
    readonly repeatRecognisedLater: boolean | null;
    readonly dashScore: number | null;
  };
}

interface AgendaRow {
  case_id: string;
  person_id: string;
  display_name: string | null;
  phase: string;
  current_status: string | null;
  rag: string | null;
  open_actions: number;
  panel: string;
  referred_at: string;
  marac_repeat: number | null;
  marac_repeat_window: number | null;
  dash_score: number | null;
}

const maracColumns = (
  kind: PanelDefinition['rules']['kind'] | undefined,
  row: AgendaRow | undefined,
  recognisedLater: boolean,
) =>
  kind === 'marac'
    ? {
        marac: {
          repeat: row === undefined ? null : row.marac_repeat === 1 || recognisedLater,
          repeatRecognisedLater: row === undefined ? null : row.marac_repeat !== 1 && recognisedLater,
          dashScore: row?.dash_score ?? null,
        },
      }
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
  const { rows, repeats } = trackedRows(readModels, peopleNowFrom(people), panelCode, caseIds, kind === 'marac');
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
        ...maracColumns(kind, row, repeats.has(caseId)),
      };
      return [caseId, columns];
    }),
  );
}

function trackedRows(
  readModels: ReadModelDatabase,
  people: CasesOfPeopleNow,
  panelCode: string,
  caseIds: readonly string[],
  marac: boolean,
): { rows: Map<string, AgendaRow>; repeats: Set<string> } {
  const none = { rows: new Map<string, AgendaRow>(), repeats: new Set<string>() };
  if (caseIds.length === 0) return none;
  try {
    // One read transaction: a switch-over (another process may make it) cannot come between
    // the version checked and the tables read.
    return readModels.read(() => {
      const tables = readModels.tables(cohortProjection.name);
      if (tables.version !== cohortProjection.version) return none;
      const rows = readModels
        .statement<AgendaRow, [string, string]>(
          cohortProjection.name,
          (t) => `SELECT c.case_id, c.person_id, p.display_name, c.phase, c.current_status, c.rag, c.open_actions,
                       c.panel, c.referred_at, c.marac_repeat, c.marac_repeat_window, c.dash_score
                  FROM ${t.table('cases')} c LEFT JOIN ${t.table('people')} p ON p.person_id = c.person_id
                 WHERE c.panel = ? AND c.case_id IN (SELECT value FROM json_each(?))`,
        )
        .all(panelCode, JSON.stringify(caseIds));
      const repeats = marac ? repeatsRecognisedLater(rows, readModels.connection, tables, people) : none.repeats;
      return { rows: new Map(rows.map((row) => [row.case_id, row])), repeats };
    });
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return none;
    throw error;
  }
}
