import { csvCell, csvText, spreadsheetCsv } from './csv';

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
    expect(['=1+1', '+cmd', '-1+1', '@SUM(1)', '\t=1', '\r=1'].map(csvCell)).toEqual([
      "'=1+1",
      "'+cmd",
      "'-1+1",
      "'@SUM(1)",
      `"'\t=1"`,
      `"'\r=1"`,
    ]);
  });

  it('leaves numbers, negative ones too, and flags as they are', () => {
    expect([-5, 0, 12.5, BigInt(-7), true, null, undefined].map(csvCell)).toEqual([
      '-5',
      '0',
      '12.5',
      '-7',
      'true',
      '',
      '',
    ]);
  });

  it('quotes a cell holding a comma, a quote, a semicolon, a tab or a line break', () => {
    expect(['a,b', 'say "no"', 'x;=1+1', 'a\tb', 'a\nb', 'a\rb', 'Zoë'].map(csvCell)).toEqual([
      '"a,b"',
      '"say ""no"""',
      '"x;=1+1"',
      '"a\tb"',
      '"a\nb"',
      '"a\rb"',
      'Zoë',
    ]);
  });

  it('writes CRLF lines; a spreadsheet file starts with the UTF-8 byte-order mark, a data file does not', () => {
    expect(csvText(['row', 'crn'], [[1, '-1+1']])).toBe("row,crn\r\n1,'-1+1\r\n");
    expect(spreadsheetCsv(['row'], [[1]])).toBe('\uFEFFrow\r\n1\r\n');
  });
});
