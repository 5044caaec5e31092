import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { OtherPanelsQuery } from '../../../identity/src/published/other-panels';
import { ProjectionNotAvailableError, type ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { DEFAULT_PANEL_REGISTRY, findPanel, type MaracRepeatSource, type PanelDefinition } from '../domain';
import { shownName } from '../projections/cohort-people';
import { cohortProjection } from '../projections/cohort.projection';
import { repeatsAsKnownNow, type MaracRepeatRow, type RepeatsAsKnownNow } from '../projections/cohort-marac-repeat';
import { peopleNowFrom, type CasesOfPeopleNow } from '../projections/cohort-people-now';
import { referralNamesFrom } from '../projections/cohort-referral-names';
import { perpetratorMarkerOf, type PerpetratorMarker } from './perpetrator-marker';

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
   * `repeatRecognisedLater` is true only for the second kind, as on the tracker; `repeatFrom`,
   * where the last referral of a repeat is known from (`history`, or `reported`: the form's
   * previous MARAC date), null when it is no repeat or that cannot be told.
   */
  readonly marac?: {
    readonly repeat: boolean | null;
    readonly repeatRecognisedLater: boolean | null;
    readonly repeatFrom: MaracRepeatSource | null;
    readonly dashScore: number | null;
  };
  /** MARAC: the perpetrator the case names now, with the other panels he is known to (names only); null for none. */
  readonly perpetrator?: PerpetratorMarker | null;
}

/** Columns an older version of the tables lacks read as null. */
interface AgendaRow {
  case_id: string;
  person_id: string | null;
  display_name: string | null;
  phase: string | null;
  current_status: string | null;
  rag: string | null;
  open_actions: number | null;
  panel: string;
  referred_at: string | null;
  marac_repeat: number | null;
  marac_repeat_window: number | null;
  marac_incident_at: string | null;
  dash_score: number | null;
}

const CASE_COLUMNS = [
  'person_id',
  'phase',
  'current_status',
  'rag',
  'open_actions',
  'referred_at',
  'marac_repeat',
  'marac_repeat_window',
  'marac_incident_at',
  'dash_score',
] as const;

/**
 * `repeats` is undefined when it cannot be known: a repeat the referral did not flag is then
 * unknown too, and a flag stands as recorded.
 */
function maracColumns(
  kind: PanelDefinition['rules']['kind'] | undefined,
  row: AgendaRow | undefined,
  caseId: string,
  repeats: RepeatsAsKnownNow | undefined,
) {
  if (kind !== 'marac') return {};
  const flagged = row?.marac_repeat === 1 && repeats?.noLongerHeld.has(caseId) !== true;
  const recognisedLater = repeats?.recognisedLater.has(caseId);
  const known = row !== undefined && recognisedLater !== undefined;
  const repeat = flagged || (known ? recognisedLater : null);
  const from: MaracRepeatSource = repeats?.fromReported.has(caseId) === true ? 'reported' : 'history';
  return {
    marac: {
      repeat,
      repeatRecognisedLater: known ? !flagged && recognisedLater : null,
      repeatFrom: repeat === true && repeats !== undefined ? from : null,
      dashScore: row?.dash_score ?? null,
    },
  };
}

/**
 * The tracker's columns of each listed case, read from the `panel_cohort` read model. Unlike the
 * tracker, an agenda never fails for want of them: the read model follows the log by
 * milliseconds, and after a version bump the older version answers until the new one is built:
 * the chair keeps the columns it holds, and those it lacks are null (as is a repeat it cannot
 * tell was recognised later, without the referral's window, v10, its incident, v24, or the form's previous MARAC dates, v26). Only rows of the meeting's own panel are read: a listing the case
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
  const otherPanels = new OtherPanelsQuery(people);
  const { rows, repeats } = trackedRows(readModels, peopleNowFrom(people), panelCode, caseIds, kind === 'marac');
  const names = referralNamesFrom(people).shownFor(
    [...rows.values()].flatMap((row) =>
      row.person_id == null ? [] : [{ caseId: row.case_id, referralPersonId: row.person_id }],
    ),
  );
  return new Map(
    caseIds.map((caseId) => {
      const row = rows.get(caseId);
      const columns: AgendaCaseColumns = {
        // Merges and splits move cases between people: the agenda names the person the case is about now.
        personId: row?.person_id == null ? null : people.personOfCase(caseId, row.person_id),
        // Only the name this panel's referral recorded: while the person index cannot say, no name rather than
        // the registration's, which another panel may have recorded (as the tracker does).
        displayName: shownName(names.get(caseId)),
        status: row?.phase ?? null,
        currentStatus: row?.current_status ?? null,
        rag: row?.rag ?? null,
        openActions: row?.open_actions ?? null,
        ...maracColumns(kind, row, caseId, repeats),
        ...(kind === 'marac' ? { perpetrator: perpetratorMarkerOf(otherPanels, caseId, panelCode) } : {}),
      };
      return [caseId, columns];
    }),
  );
}

/** Which of the tracker's case columns the active version's tables hold (the table is gone: none). */
function heldColumns(readModels: ReadModelDatabase, cases: string, people: string, reported: string) {
  const columnsOf = (table: string) =>
    new Set((readModels.connection.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
  return {
    cases: columnsOf(cases),
    displayName: columnsOf(people).has('display_name'),
    reportedDates: columnsOf(reported).has('reported_on'),
  };
}

function trackedRows(
  readModels: ReadModelDatabase,
  people: CasesOfPeopleNow,
  panelCode: string,
  caseIds: readonly string[],
  marac: boolean,
): { rows: Map<string, AgendaRow>; repeats: RepeatsAsKnownNow | undefined } {
  const none = {
    rows: new Map<string, AgendaRow>(),
    repeats: { recognisedLater: new Set<string>(), noLongerHeld: new Set<string>(), fromReported: new Set<string>() },
  };
  if (caseIds.length === 0) return none;
  try {
    // One read transaction: a switch-over (another process may make it) cannot come between
    // the columns found and the tables read.
    return readModels.read(() => {
      const tables = readModels.tables(cohortProjection.name);
      const held = heldColumns(
        readModels,
        tables.table('cases'),
        tables.table('people'),
        tables.table('marac_reported'),
      );
      if (!held.cases.has('case_id') || !held.cases.has('panel')) return none;
      const column = (name: string) => (held.cases.has(name) ? `c.${name}` : `NULL AS ${name}`);
      const rows = readModels
        .statement<AgendaRow, [string, string]>(
          cohortProjection.name,
          (t) => `SELECT c.case_id, c.panel, ${CASE_COLUMNS.map(column).join(', ')},
                       ${held.displayName ? 'p.display_name' : 'NULL AS display_name'}
                  FROM ${t.table('cases')} c
                  ${held.displayName ? `LEFT JOIN ${t.table('people')} p ON p.person_id = c.person_id` : ''}
                 WHERE c.panel = ? AND c.case_id IN (SELECT value FROM json_each(?))`,
        )
        .all(panelCode, JSON.stringify(caseIds));
      // Without the referral's window (v10) or its incident (v24) a repeat recognised later cannot be told,
      // nor without the form's previous MARAC dates (v26) whether a flag still holds.
      const recognisable =
        marac &&
        held.cases.has('marac_repeat_window') &&
        held.cases.has('marac_incident_at') &&
        held.cases.has('referred_at') &&
        held.reportedDates;
      const repeats = recognisable
        ? repeatsAsKnownNow(rows as MaracRepeatRow[], readModels.connection, tables, people)
        : marac
          ? undefined
          : none.repeats;
      return { rows: new Map(rows.map((row) => [row.case_id, row])), repeats };
    });
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return none;
    throw error;
  }
}
