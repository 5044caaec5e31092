/** Formatting for the store benchmark's result table. */

export interface Row {
  readonly measure: string;
  readonly unit: string;
  readonly ours: number;
  readonly raw: number;
  readonly emmett: number;
  readonly goal: string;
  readonly met: boolean;
}

const rate = (value: number): string => Math.round(value).toLocaleString('en-GB');
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

export function formatTable(rows: readonly Row[]): string {
  const header = ['measure', 'unit', 'ours', 'raw', 'emmett', 'ours/raw', 'ours/emmett', 'goal', 'met'];
  const body = rows.map((row) => [
    row.measure,
    row.unit,
    rate(row.ours),
    rate(row.raw),
    rate(row.emmett),
    ratio(row.ours, row.raw),
    ratio(row.ours, row.emmett),
    row.goal,
    row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
