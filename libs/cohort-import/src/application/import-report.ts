/**
 * What an upload did with every row, built the same way for a run and for the same file uploaded
 * again (from the file, re-checked, and what the run recorded): the replay lists what the first
 * run listed.
 */
import type {
  AbsentPerson,
  CheckedFile,
  ImportCounts,
  ImportedPerson,
  ImportRowProblem,
  PersonOutcome,
  RowProblem,
} from '../domain';

/** What happened to a data row, in the words the summary and the coordinator use. */
export type RowOutcome =
  | 'new'
  | 'unchanged'
  | 'expired-flagged'
  | 'expired-no-open-case'
  | 'held'
  | 'bad'
  | 'left-alone-late'
  | 'not-recorded';

export interface RowReport {
  readonly row: number;
  /** As the file gives it (checked, or as typed when it is not a CRN); empty when blank. */
  readonly crn: string;
  readonly outcome: RowOutcome;
  /** The summary count the row is in (`bad` for bad rows, held ones included). */
  readonly counted: PersonOutcome | 'bad';
  readonly personId?: string;
  readonly caseId?: string;
  readonly reason: string;
}

export interface ExpiredPerson {
  readonly personId: string;
  readonly caseId?: string;
  readonly reason: 'absent-from-upload' | 'no-longer-eligible';
}

export interface ImportReport {
  readonly summary: ImportCounts & {
    readonly month: string;
    readonly comparedWith: string | null;
    readonly alreadyImported: boolean;
    readonly ignoredColumns: readonly string[];
    /** A late file: the later month whose upload has the word; null when the file was not late. */
    readonly supersededBy: string | null;
    /** People the late file wrote nothing for (no referral opened, no case written on or flagged). */
    readonly leftAlone: number;
  };
  readonly problems: readonly RowProblem[];
  /** Referrals opened (awaiting adoption). */
  readonly newCases: readonly { readonly personId: string; readonly caseId: string }[];
  readonly expired: readonly ExpiredPerson[];
  readonly rows: readonly RowReport[];
  readonly absentees: readonly AbsentPerson[];
}

/** What the run recorded, or what the log holds of the run that imported the same file. */
export interface ImportOutcome {
  readonly month: string;
  readonly comparedWith: string | null;
  readonly counts: ImportCounts;
  readonly supersededBy: string | null;
  readonly alreadyImported: boolean;
  readonly people: readonly ImportedPerson[];
  readonly problems: readonly ImportRowProblem[];
  readonly absentees: readonly AbsentPerson[];
}

const RUN_PROBLEM_MESSAGES: Readonly<Record<ImportRowProblem['reason'], (problem: ImportRowProblem) => string>> = {
  'duplicate-person': () => 'matched to the same person as an earlier row: one row per person',
  'person-unresolved': () =>
    'could not be matched to one person: the CRN, PNC, name and date of birth point at different people ' +
    'already recorded; check them against probation’s record (an admin can see the match reviews)',
  'identifier-corrected-on-record': ({ field, caseId }) =>
    `the extract still carries a ${field.toUpperCase()} that was corrected on this nominal’s record` +
    `${caseId === undefined ? '' : ` through IOM case ${caseId}`}: the row was not imported, so no second person ` +
    'or referral is made for him; have probation correct the source extract, then upload it again',
};

/** The record a duplicate row brought in is the person index's business, not the coordinator's. */
export const runProblem = (problem: ImportRowProblem): RowProblem => ({
  row: problem.row,
  field: problem.field,
  reason: problem.reason,
  message: RUN_PROBLEM_MESSAGES[problem.reason](problem),
});

const describeProblems = (problems: readonly RowProblem[]): string =>
  problems.map((p) => `${p.field} ${p.reason}: ${p.message}`).join('; ');

function personRow(person: ImportedPerson, month: string): Pick<RowReport, 'outcome' | 'reason'> {
  const { outcome, eligible, caseId, supersededBy } = person;
  if (supersededBy !== undefined) {
    return {
      outcome: 'left-alone-late',
      reason:
        outcome === 'new'
          ? `newly eligible in ${month}, but the ${supersededBy} upload has the word and referred them if they still were: no referral opened`
          : `${eligible ? 'eligible' : 'not eligible'} in ${month}; the ${supersededBy} upload has the word on this case: nothing written on it`,
    };
  }
  switch (outcome) {
    case 'new':
      return { outcome: 'new', reason: 'newly eligible: IOM referral awaiting adoption' };
    case 'expired':
      return caseId === undefined
        ? { outcome: 'expired-no-open-case', reason: 'no longer eligible; no open IOM case to flag' }
        : { outcome: 'expired-flagged', reason: 'no longer eligible: the case is flagged for the panel, not closed' };
    case 'held':
      return { outcome: 'held', reason: 'person recognised: keeps last month’s standing' };
    case 'unchanged':
      if (!eligible)
        return {
          outcome: 'unchanged',
          reason: caseId === undefined ? 'not eligible' : 'not eligible; IOM case stays open for the panel',
        };
      return {
        outcome: 'unchanged',
        reason:
          caseId === undefined
            ? 'still eligible; no open IOM case (the panel rejected or closed it)'
            : 'still eligible; IOM case open',
      };
  }
}

function crnCell(file: CheckedFile, records: readonly (readonly string[])[], row: number): string {
  const check = file.rows[row - 1];
  if (check?.ok === true) return check.row.identity.crn;
  if (check?.identity !== undefined) return check.identity.crn;
  const column = file.columns.crn;
  return column === undefined ? '' : (records[row]?.[column] ?? '').trim();
}

/** Every data row once, in file order, with what the upload did about it. */
function rowReports(
  file: CheckedFile,
  records: readonly (readonly string[])[],
  outcome: ImportOutcome,
  problems: readonly RowProblem[],
): RowReport[] {
  const byRow = new Map(outcome.people.flatMap((p) => (p.row === undefined ? [] : [[p.row, p] as const])));
  const problemsOf = new Map<number, RowProblem[]>();
  for (const problem of problems) problemsOf.set(problem.row, [...(problemsOf.get(problem.row) ?? []), problem]);
  return file.rows.map((_, index): RowReport => {
    const row = index + 1;
    const crn = crnCell(file, records, row);
    const person = byRow.get(row);
    const rowProblems = problemsOf.get(row) ?? [];
    if (person !== undefined) {
      const said = personRow(person, outcome.month);
      const reason = rowProblems.length === 0 ? said.reason : `${describeProblems(rowProblems)}; ${said.reason}`;
      const ids = {
        ...(person.idWithheld === true ? {} : { personId: person.personId }),
        ...(person.caseId === undefined ? {} : { caseId: person.caseId }),
      };
      return { row, crn, ...said, reason, counted: person.outcome, ...ids };
    }
    if (rowProblems.length > 0)
      return { row, crn, outcome: 'bad', counted: 'bad', reason: describeProblems(rowProblems) };
    return {
      row,
      crn,
      outcome: 'not-recorded',
      counted: 'unchanged',
      reason: 'imported before uploads recorded each row: see new.csv and expired.csv',
    };
  });
}

export function importReport(
  file: CheckedFile,
  records: readonly (readonly string[])[],
  outcome: ImportOutcome,
): ImportReport {
  const fileProblems = file.rows.flatMap((row) => (row.ok ? [] : row.problems));
  const problems = [...fileProblems, ...outcome.problems.map(runProblem)].sort((a, b) => a.row - b.row);
  const newCases = outcome.people.flatMap((p) =>
    p.outcome === 'new' && p.caseId !== undefined ? [{ personId: p.personId, caseId: p.caseId }] : [],
  );
  const expired: ExpiredPerson[] = [
    ...outcome.people.flatMap((p): ExpiredPerson[] =>
      p.outcome === 'expired'
        ? [
            {
              personId: p.personId,
              ...(p.caseId === undefined ? {} : { caseId: p.caseId }),
              reason: 'no-longer-eligible',
            },
          ]
        : [],
    ),
    ...outcome.absentees.map(
      (p): ExpiredPerson => ({
        personId: p.personId,
        ...(p.caseId === undefined ? {} : { caseId: p.caseId }),
        reason: 'absent-from-upload',
      }),
    ),
  ];
  const leftAlone = [...outcome.people, ...outcome.absentees].filter((p) => p.supersededBy !== undefined).length;
  return {
    summary: {
      month: outcome.month,
      comparedWith: outcome.comparedWith,
      alreadyImported: outcome.alreadyImported,
      ignoredColumns: file.ignoredColumns,
      ...outcome.counts,
      supersededBy: outcome.supersededBy,
      leftAlone,
    },
    problems,
    newCases,
    expired,
    rows: rowReports(file, records, outcome, problems),
    absentees: outcome.absentees,
  };
}
