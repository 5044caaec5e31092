/**
 * A whole core-cohort file: the header decides whether the file can be read at all (a missing
 * required column refuses the upload, naming every such column); then each row is checked on
 * its own, and a CRN repeated in the file is a problem of the later row.
 */
import { invalid, Rejection } from '../../../command-handling/src/rejections';
import { mapHeader, type ColumnMap } from './cohort-columns';
import { checkRow, type RowCheck } from './cohort-row';

export interface CheckedFile {
  readonly columns: ColumnMap;
  /** Headers that name no known column: shown to the uploader, otherwise ignored. */
  readonly ignoredColumns: readonly string[];
  readonly rows: readonly RowCheck[];
}

/** The header alone: refuses the upload when a required column is missing or repeated. */
export function requireHeader(records: readonly (readonly string[])[]): {
  columns: ColumnMap;
  ignored: readonly string[];
} {
  const header = records[0];
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    throw invalid('body', 'csv-header', 'the file is empty: the first line must be the header row');
  }
  const mapping = mapHeader(header);
  if (!mapping.ok) {
    const first = mapping.problems[0];
    throw new Rejection(
      'invalid',
      first?.rule ?? 'required-column',
      mapping.problems.map((p) => p.message).join('; '),
      mapping.problems.map((p) => ({ field: p.field, rule: p.rule, message: p.message })),
    );
  }
  if (records.length < 2) throw invalid('body', 'rows-required', 'the file has a header but no rows');
  return { columns: mapping.columns, ignored: mapping.ignored };
}

export function checkFile(records: readonly (readonly string[])[], month: string): CheckedFile {
  const { columns, ignored } = requireHeader(records);
  const width = (records[0] as readonly string[]).length;
  const firstRowOfCrn = new Map<string, number>();
  const rows = records.slice(1).map((cells, index): RowCheck => {
    const checked = checkRow(cells, columns, width, index + 1, month);
    const crn = checked.ok ? checked.row.identity.crn : checked.identity?.crn;
    if (crn === undefined) return checked;
    const first = firstRowOfCrn.get(crn);
    if (first === undefined) {
      firstRowOfCrn.set(crn, index + 1);
      return checked;
    }
    const duplicate = {
      row: index + 1,
      field: 'crn' as const,
      reason: 'duplicate-crn' as const,
      message: `CRN ${crn} is already on row ${first}: one row per person`,
    };
    // The first row stands; a duplicate says nothing about the person, so it keeps no identity.
    return { ok: false, row: index + 1, problems: [...(checked.ok ? [] : checked.problems), duplicate] };
  });
  return { columns, ignoredColumns: ignored, rows };
}
