/** The projections benchmark's result table: one row per figure, goals marked PASS or MISS. */

export interface TableRow {
  readonly measure: string;
  readonly figure: string;
  /** What the figure is compared with, when it has a baseline measured in the same run. */
  readonly baseline?: string;
  readonly goal?: string;
  /** Undefined for context rows without a goal. */
  readonly met?: boolean;
}

export const count = (value: number): string => Math.round(value).toLocaleString('en-GB');
export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const mib = (value: number): string => `${value.toFixed(0)} MiB`;

export function formatTable(rows: readonly TableRow[]): string {
  const header = ['measure', 'figure', 'baseline (same run)', 'goal', 'result'];
  const body = rows.map((row) => [
    row.measure,
    row.figure,
    row.baseline ?? '',
    row.goal ?? '',
    row.met === undefined ? '' : row.met ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
