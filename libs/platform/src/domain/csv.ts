/**
 * The one way this service writes CSV (RFC 4180, CRLF), for every file a user downloads: upload
 * reports, report CSVs, the research export and the audit trail. Pure text, no I/O, so domain code
 * may use it.
 */

/** Numbers, counts and flags are written as they are; text is what a user or a partner typed. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/**
 * UTF-8's byte-order mark. Excel opens a double-clicked CSV without one in the ANSI code page,
 * showing `Zoë` as `ZoÃ«`; with it, as UTF-8.
 */
const UTF8_BOM = '\uFEFF';

/** A text cell a spreadsheet would run as a formula (OWASP CWE-1236). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Quoted so no spreadsheet splits the cell: `;` is the list separator where `,` is the decimal
 * one (Excel in much of Europe), and a piece after it could start a formula of its own.
 */
const NEEDS_QUOTES = /[",;\r\n\t]/;

/**
 * One cell. Text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, which a spreadsheet
 * shows as text, not a formula; numbers (`-5` included) never do, so figures stay figures.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells, each ended by CRLF: a file's rows after its header when it is sent in parts. */
export function csvLines(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A header and rows, each line ended by CRLF, without a byte-order mark (for statistical tools). */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvLines([header, ...rows]);
}

/** `csvText` with UTF-8's byte-order mark first: files meant to be opened in a spreadsheet. */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + csvText(header, rows);
}
