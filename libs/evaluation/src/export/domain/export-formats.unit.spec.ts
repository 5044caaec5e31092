import { EXPORT_COLUMNS } from './export-columns';
import { dataDictionary, toCsv } from './export-formats';

/** Synthetic records: the CSV writer is what is under test, not the assembly. */
describe('research export CSV', () => {
  const context = {
    from: '2024-01-01',
    to: '2024-12-31',
    panels: ['IOM'],
    coarsenDatesToMonth: true,
    linkablePseudonyms: false,
    records: 1,
  };

  it('has no byte-order mark, quotes a semicolon, defuses a formula-like agency and keeps seq a number', () => {
    const csv = toCsv([{ seq: 1, event_type: 'referral-made', recorded_by_agency: 'Police;=1+1' }]);
    expect(csv.startsWith(EXPORT_COLUMNS[0].name)).toBe(true);
    expect(csv.split('\r\n')[1]).toMatch(/^1,referral-made,.*,"Police;=1\+1",/);
    expect(toCsv([{ seq: 2, recorded_by_agency: '-Probation' }]).split('\r\n')[1]).toMatch(/^2,.*,'-Probation,/);
  });

  it("tells CSV readers about the encoding and the leading ' in the data dictionary", () => {
    expect(dataDictionary({ ...context, format: 'csv' }).csv).toMatch(/without a byte-order mark.*leading '/);
    expect(dataDictionary({ ...context, format: 'ndjson' })).not.toHaveProperty('csv');
  });
});
