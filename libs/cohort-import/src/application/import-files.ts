import type { JobFile } from '../../../jobs/src/job-kind';
import type { ImportReport } from './cohort-import.service';

const cell = (value: string | number | undefined): string => {
  const text = value === undefined ? '' : String(value);
  // Quote what CSV needs quoted, and neutralise a leading formula character for spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const csv = (header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string =>
  [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

/** The job's downloads: every bad row with its reasons, and the new and expired lists (ids only). */
export function importFiles(report: ImportReport): JobFile[] {
  return [
    {
      name: 'bad-rows.csv',
      contentType: 'text/csv; charset=utf-8',
      content: csv(
        ['row', 'field', 'reason', 'message'],
        report.problems.map((p) => [p.row, p.field, p.reason, p.message]),
      ),
    },
    {
      name: 'new.csv',
      contentType: 'text/csv; charset=utf-8',
      content: csv(
        ['person_id', 'case_id'],
        report.newCases.map((n) => [n.personId, n.caseId]),
      ),
    },
    {
      name: 'expired.csv',
      contentType: 'text/csv; charset=utf-8',
      content: csv(
        ['person_id', 'case_id', 'reason'],
        report.expired.map((e) => [e.personId, e.caseId, e.reason]),
      ),
    },
  ];
}
