/**
 * Reports as CSV for spreadsheets and statistical tools. A report's JSON is flattened into long
 * form, one figure a row: `period,measure,value`, where `period` is the month for figures of a
 * month (`months[i]`) and `period` otherwise, and `measure` is the dotted path of the figure
 * (`ageBands.11-15`, `exitsByStatus.success`). Long form keeps every report, whatever its shape,
 * in one layout a pivot table understands.
 */
import { spreadsheetCsv, type CsvValue } from '../../../platform/src/domain/csv';

type Row = [period: string, measure: string, value: CsvValue];

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
  out.push([period, path, value as CsvValue]);
}

/**
 * Every figure of a report, in long form: `months` rows carry their month, `total` rows `total`, the
 * rest `period`. A spreadsheet file: byte-order mark, formula-like text defused, figures as numbers.
 */
export function reportToCsv(report: object): string {
  const rows: Row[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (key === 'months' && Array.isArray(value)) flatten(value, '', 'period', rows);
    else if (key === 'total') flatten(value, '', 'total', rows);
    else flatten(value, key, 'period', rows);
  }
  return spreadsheetCsv(['period', 'measure', 'value'], rows);
}
