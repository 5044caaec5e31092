import { parse } from 'csv-parse/sync';
import type { JobFile } from '../job-kind';

/**
 * Most ids of each kind one download entry names. The audit trail reads at most 5,000 ids of each
 * kind from an entry, and one entry must stay well inside an append's 1 MiB: 2,000 of each is
 * about 160 kB.
 */
export const IDS_PER_ENTRY = 2000;

/** The people and cases a file lists, split into parts of at most `IDS_PER_ENTRY` ids of each kind. */
export interface FileListing {
  /** Data rows (the header excluded): what the download handed over. */
  readonly rows: number;
  readonly parts: readonly { readonly caseIds: readonly string[]; readonly personIds: readonly string[] }[];
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Columns as CSV names them, in the words `walkIds` uses for JSON: `case_id`, `person_id`, `…_person_id`. */
const kindOf = (column: string): 'case' | 'person' | undefined => {
  const name = column.trim().toLowerCase();
  if (name === 'case_id') return 'case';
  return name === 'person_id' || name.endsWith('_person_id') ? 'person' : undefined;
};

/**
 * What a CSV file a job left lists: its rows and the ids in its id columns. A download of an import's
 * `rows.csv` hands over every imported person, so the trail must find it under each of them; other
 * files (exports of pseudonyms, JSON) list no ids and only their rows count. Only ids are taken: a
 * cell that is not one (blank, for a row that made no case) names nobody.
 */
export function fileListing(file: JobFile): FileListing | undefined {
  if (!file.contentType.toLowerCase().startsWith('text/csv')) return undefined;
  let records: string[][];
  try {
    records = parse(file.content, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return undefined;
  }
  const [header, ...rows] = records;
  if (header === undefined) return { rows: 0, parts: [] };
  const columns = header.map(kindOf);
  const caseColumns = columns.filter((kind) => kind === 'case').length;
  const personColumns = columns.filter((kind) => kind === 'person').length;
  const parts: { caseIds: Set<string>; personIds: Set<string> }[] = [];
  let part = { caseIds: new Set<string>(), personIds: new Set<string>() };
  for (const row of rows) {
    // A row's ids stay in one entry, so each entry names whole rows.
    if (part.caseIds.size + caseColumns > IDS_PER_ENTRY || part.personIds.size + personColumns > IDS_PER_ENTRY) {
      parts.push(part);
      part = { caseIds: new Set(), personIds: new Set() };
    }
    columns.forEach((kind, column) => {
      const cell = row[column]?.trim() ?? '';
      if (kind === undefined || !ID.test(cell)) return;
      (kind === 'case' ? part.caseIds : part.personIds).add(cell);
    });
  }
  if (part.caseIds.size > 0 || part.personIds.size > 0) parts.push(part);
  return {
    rows: rows.length,
    parts: parts.map((p) => ({ caseIds: [...p.caseIds], personIds: [...p.personIds] })),
  };
}

/**
 * The ids each download entry names. A file that says whom it is about is named by those people
 * alone, whatever its columns hold: a subject access report's reads name the third parties those
 * reads showed, and a download of the subject's report must not enter their trails. Else, the ids
 * the file's id columns list.
 */
export function downloadParts(file: JobFile, listing: FileListing | undefined): FileListing['parts'] {
  if (file.aboutPersonIds === undefined) return listing?.parts ?? [];
  const about = [...new Set(file.aboutPersonIds)];
  const parts: FileListing['parts'][number][] = [];
  for (let start = 0; start < about.length; start += IDS_PER_ENTRY) {
    parts.push({ caseIds: [], personIds: about.slice(start, start + IDS_PER_ENTRY) });
  }
  return parts;
}
