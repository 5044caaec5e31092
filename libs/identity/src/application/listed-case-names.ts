import type { PersonDetails } from '../../../case-lifecycle/src/domain/events/person-events';

/** What `PersonIndexQuery.panelRecordsOfCases` found for one listed case the index has. */
export interface PanelRecordsOfCase {
  readonly caseId: string;
  /**
   * The record the case's referral brought in for its subject, with its later changes: the one
   * the person the case is about now holds, else wherever it is (a split recorded before a case
   * had to move with its record may have parted them). None when the referral brought none in.
   */
  readonly own?: PersonDetails;
  /**
   * The records the panel's referrals brought in for the person the case is about now, and the
   * case's own referral's record of the panel wherever it is: every name the panel knows them by.
   */
  readonly panelRecords: readonly PersonDetails[];
}

/**
 * A row `panelRecordsOfCases` reads: `case` for each listed case the index has; `held`, a record
 * the case's person holds now that the panel or the case's referral brought in; `own`, a record
 * the case's referral brought in for its subject, whoever holds it.
 */
export interface ListedCaseRecordRow {
  readonly of_case: string;
  readonly record_id: string | null;
  readonly details: string | null;
  readonly source_panel: string | null;
  readonly kind: 'case' | 'held' | 'own';
}

interface Found {
  own?: PersonDetails;
  readonly panelRecords: Map<string, PersonDetails>;
}

/** The answer for each listed case the index has, from its rows (`panel`: the list's). */
export function namesOfListedCases(rows: readonly ListedCaseRecordRow[], panel: string): PanelRecordsOfCase[] {
  const found = new Map<string, Found>();
  const own = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'case') found.set(row.of_case, { panelRecords: new Map() });
    if (row.kind === 'own') own.add(`${row.of_case} ${row.record_id}`);
  }
  // Held rows first: an own record the case's person holds names the case before one a split parted from them.
  for (const kind of ['held', 'own'] as const)
    for (const row of rows) {
      const entry = found.get(row.of_case);
      if (row.kind !== kind || entry === undefined || row.record_id === null || row.details === null) continue;
      const details = JSON.parse(row.details) as PersonDetails;
      if (row.source_panel === panel && !entry.panelRecords.has(row.record_id))
        entry.panelRecords.set(row.record_id, details);
      if (entry.own === undefined && own.has(`${row.of_case} ${row.record_id}`)) entry.own = details;
    }
  return [...found].map(([caseId, entry]) => ({
    caseId,
    ...(entry.own === undefined ? {} : { own: entry.own }),
    panelRecords: [...entry.panelRecords.values()],
  }));
}
