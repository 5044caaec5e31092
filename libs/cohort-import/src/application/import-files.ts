import type { JobFile } from '../../../jobs/src/job-kind';
import { spreadsheetCsv, type CsvValue } from '../../../platform/src/domain/csv';
import type { ImportReport } from './import-report';

/**
 * The job's downloads (ids, row numbers and CRNs; no names): `rows.csv` says what happened to every
 * data row; the older lists keep their first columns (row and CRN were added at the end). A
 * coordinator opens them in Excel, so they are spreadsheet CSV (byte-order mark, formulas defused).
 */
export function importFiles(report: ImportReport): JobFile[] {
  const crnOf = new Map(report.rows.map((r) => [r.row, r.crn]));
  const file = (name: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]) => ({
    name,
    contentType: 'text/csv; charset=utf-8',
    content: spreadsheetCsv(header, rows),
  });
  return [
    file(
      'rows.csv',
      ['row', 'crn', 'outcome', 'person_id', 'case_id', 'reason'],
      report.rows.map((r) => [r.row, r.crn, r.outcome, r.personId, r.caseId, r.reason]),
    ),
    file(
      'bad-rows.csv',
      ['row', 'field', 'reason', 'message', 'crn'],
      report.problems.map((p) => [p.row, p.field, p.reason, p.message, crnOf.get(p.row)]),
    ),
    // Every row counted new; the case is empty when a late file opened no referral (see rows.csv).
    file(
      'new.csv',
      ['person_id', 'case_id', 'row', 'crn'],
      report.rows.filter((r) => r.counted === 'new').map((r) => [r.personId, r.caseId, r.row, r.crn]),
    ),
    file(
      'expired.csv',
      ['person_id', 'case_id', 'reason', 'row', 'crn'],
      [
        ...report.rows
          .filter((r) => r.counted === 'expired')
          .map((r) => [
            r.personId,
            r.outcome === 'expired-flagged' ? r.caseId : undefined,
            'no-longer-eligible',
            r.row,
            r.crn,
          ]),
        ...report.absentees.map((a) => [a.personId, a.caseId, 'absent-from-upload', undefined, undefined]),
      ],
    ),
  ];
}
