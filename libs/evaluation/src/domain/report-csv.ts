/**
 * Reports as CSV for spreadsheets and statistical tools. A report's JSON is flattened into long
 * form, one figure a row: `period,measure,value`, where `period` is the month for figures of a
 * month (`months[i]`) and `period` otherwise, and `measure` is the dotted path of the figure
 * (`ageBands.11-15`, `exitsByStatus.success`). Long form keeps every report, whatever its shape,
 * in one layout a pivot table understands.
 */

export type CsvCell = string | number | boolean | null | undefined;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) is prefixed with an apostrophe: labels such as ethnicity or a rejection reason
 * are typed by users.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

type Row = [period: string, measure: string, value: CsvCell];

function flatten(value: unknown, path: string, period: string, out: Row[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const month = (item as { month?: unknown } | null)?.month;
      if (typeof month === 'string') flatten(item, path, month, out);
      else flatten(item, `${path}[${index}]`, period, out);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'month' && typeof child === 'string') continue;
      flatten(child, path === '' ? key : `${path}.${key}`, period, out);
    }
    return;
  }
  out.push([period, path, value as CsvCell]);
}

/** Every figure of a report, in long form. `months` rows carry their month, `total` rows `total`, the rest `period`. */
export function reportToCsv(report: object): string {
  const rows: Row[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (key === 'months' && Array.isArray(value)) flatten(value, '', 'period', rows);
    else if (key === 'total') flatten(value, '', 'total', rows);
    else flatten(value, key, 'period', rows);
  }
  return toCsv(['period', 'measure', 'value'], rows);
}
