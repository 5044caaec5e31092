import { csvField, reportToCsv } from './report-csv';

describe('report CSV', () => {
  it('puts every figure on its own row: month rows by month, total rows as total, the rest as period', () => {
    const csv = reportToCsv({
      from: '2024-01-01',
      months: [{ month: '2024-01', engaged: 3, ageBands: { '11-15': 2 } }],
      total: { engaged: 3, rate: null },
    });
    expect(csv.split('\r\n')).toEqual([
      'period,measure,value',
      'period,from,2024-01-01',
      '2024-01,engaged,3',
      '2024-01,ageBands.11-15,2',
      'total,engaged,3',
      'total,rate,',
      '',
    ]);
  });

  it('quotes separators and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('Asian, other')).toBe('"Asian, other"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1)).toBe('-1');
  });
});
