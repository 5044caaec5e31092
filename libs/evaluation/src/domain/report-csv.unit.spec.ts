import { reportToCsv } from './report-csv';

describe('report CSV', () => {
  it('puts every figure on its own row: month rows by month, total rows as total, the rest as period', () => {
    const csv = reportToCsv({
      from: '2024-01-01',
      months: [{ month: '2024-01', engaged: 3, ageBands: { '11-15': 2 } }],
      total: { engaged: 3, rate: null },
    });
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFperiod,measure,value',
      'period,from,2024-01-01',
      '2024-01,engaged,3',
      '2024-01,ageBands.11-15,2',
      'total,engaged,3',
      'total,rate,',
      '',
    ]);
  });

  it('defuses a label a spreadsheet would run as a formula and leaves negative figures as numbers', () => {
    const csv = reportToCsv({ months: [{ month: '2024-01', difference: -2, reason: '=1+1', band: 'a;b' }] });
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      '2024-01,difference,-2',
      "2024-01,reason,'=1+1",
      '2024-01,band,"a;b"',
    ]);
  });
});
