import { parse } from 'csv-parse/sync';
import { invalid } from '../../../command-handling/src/rejections';

/**
 * CSV text → rows of cells. Ragged rows are kept (the row check reports them); blank lines are
 * skipped and not counted. Text that is not CSV (an unclosed quote, say) refuses the whole file.
 */
export function csvRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid('body', 'csv-syntax', `the file is not readable CSV: ${reason}`);
  }
}
