import { csvText } from '../../../../platform/src/domain/csv';
import { WITHHELD_FREE_TEXT } from './coded-values';
import { EXPORT_COLUMNS, PEOPLE_AS_NOW_KNOWN, REMOVED_FIELDS_NOTE, type ExportRecord } from './export-columns';

export type ExportFormat = 'ndjson' | 'csv';

/** One JSON object per line, every column present (null when the event has no such fact). */
export function toNdjson(records: readonly ExportRecord[]): string {
  return records
    .map((record) => JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, record[c.name] ?? null]))))
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * RFC 4180 CSV with a header row; empty cells for absent facts. No byte-order mark: the file is for
 * R and pandas, and base R's read.csv would keep the mark in the first column's name.
 */
export function toCsv(records: readonly ExportRecord[]): string {
  return csvText(
    EXPORT_COLUMNS.map((c) => c.name),
    records.map((record) => EXPORT_COLUMNS.map((c) => record[c.name])),
  );
}

/** What a CSV reader must know to get the values back exactly. */
const CSV_NOTE =
  "UTF-8 without a byte-order mark, CRLF line ends, RFC 4180 quoting (a cell holding a comma, quote, semicolon, tab or line break is quoted). A text cell that starts with =, +, -, @, a tab or a carriage return is written with a leading ' so a spreadsheet shows it as text rather than running it as a formula: drop that first ' to get the value. Numbers are never prefixed.";

export interface DictionaryContext {
  readonly format: ExportFormat;
  readonly from: string;
  readonly to: string;
  readonly panels: readonly string[];
  readonly coarsenDatesToMonth: boolean;
  readonly linkablePseudonyms: boolean;
  readonly records: number;
}

/** The data dictionary shipped beside the data: each column's meaning, type and transformation. */
export function dataDictionary(context: DictionaryContext) {
  return {
    description: 'Pseudonymised event history for statistical analysis: one record per event, in the order recorded.',
    period: { from: context.from, to: context.to, by: 'occurred_at (UK calendar date, Europe/London)' },
    panels: context.panels,
    format: context.format,
    ...(context.format === 'csv' ? { csv: CSV_NOTE } : {}),
    records: context.records,
    datesCoarsenedToMonth: context.coarsenDatesToMonth,
    dates: context.coarsenDatesToMonth
      ? 'Dates are the UK calendar month (YYYY-MM) the reports count them in; the default.'
      : 'Exact dates and times: the requester turned the default month coarsening off (coarsenDatesToMonth: false), as recorded in the audit trail.',
    postcodeDistricts:
      'Never given for a person who is the subject or the named perpetrator of a case on a panel that protects residence (MARAC, and any panel configured with protectsResidence, e.g. MASE), in any export: it would place a victim or a child to anyone without a need to know.',
    pseudonyms: context.linkablePseudonyms
      ? 'Keyed with the partnership’s export key (EXPORT_PSEUDONYM_KEY): the same id gets the same pseudonym in every export made with this key, as long as the identity decisions about its person are unchanged (see people).'
      : 'Keyed with a random key made for this export and then discarded: pseudonyms are stable within this export and cannot be linked to any other export.',
    people: PEOPLE_AS_NOW_KNOWN,
    removed: REMOVED_FIELDS_NOTE,
    withheld: WITHHELD_FREE_TEXT.map((w) => ({ ...w })),
    columns: EXPORT_COLUMNS.map((c) => ({ ...c })),
  };
}
