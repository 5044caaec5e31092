import { WITHHELD_FREE_TEXT } from './coded-values';
import {
  EXPORT_COLUMNS,
  PEOPLE_AS_NOW_KNOWN,
  REMOVED_FIELDS_NOTE,
  type ExportRecord,
  type ExportValue,
} from './export-columns';

export type ExportFormat = 'ndjson' | 'csv';

/** One JSON object per line, every column present (null when the event has no such fact). */
export function toNdjson(records: readonly ExportRecord[]): string {
  return records
    .map((record) => JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, record[c.name] ?? null]))))
    .map((line) => `${line}\n`)
    .join('');
}

function csvCell(value: ExportValue | undefined): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  // Quote what needs it, and neutralise a leading formula character for spreadsheet users.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row; empty cells for absent facts. */
export function toCsv(records: readonly ExportRecord[]): string {
  const header = EXPORT_COLUMNS.map((c) => c.name).join(',');
  const rows = records.map((record) => EXPORT_COLUMNS.map((c) => csvCell(record[c.name])).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

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
