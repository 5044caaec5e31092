import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';

/**
 * The CSV files coordinators and analysts open in Excel: UTF-8 with a byte-order mark (else Excel
 * shows `Zoë` as `ZoÃ«`), no text cell a spreadsheet would run as a formula, not even after
 * splitting on `;` (the list separator where `,` is the decimal one), and numbers left as numbers.
 */
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const UPLOAD = [
  HEADER,
  'F320001,,Ann,Csvfile,1990-01-01,,80,40,N',
  '"x;=1+1",,Fi,Csvfile,1990-01-01,,80,40,N',
  '-1+1,,Di,Csvfile,1990-01-01,,80,40,N',
  '@SUM(1+1),,Bo,Csvfile,1990-01-01,,80,40,N',
].join('\r\n');

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Cells a spreadsheet would run as a formula: text starting with = + - @ (a negative number is a number). */
const formulaCells = (text: string): string[] =>
  (parse(text, { bom: true, relax_column_count: true }) as string[][])
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell));

describe('CSV files we serve', () => {
  const { api, tokens } = apiForSuite({
    coordinator: { sub: 'coord-csv-files', roles: ['coordinator'], panels: ['IOM'] },
    analyst: { sub: 'analyst-csv-files', roles: ['analyst'] },
  });

  const http = () => request(api.app.getHttpServer());
  /** A download as the bytes sent, so a byte-order mark is seen, not decoded away. */
  const bytesOf = async (href: string, token: string): Promise<Buffer> =>
    (
      await http()
        .get(href)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Purpose', 'csv file check')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;

  it('IOM upload reports: byte-order mark, formula-like CRNs defused and quoted, row numbers as numbers', async () => {
    const { result } = await uploadedToIom(api, tokens.coordinator, '2024-03', UPLOAD);
    const files = new Map<string, Buffer>();
    for (const file of result.files) files.set(file.name, await bytesOf(file.href, tokens.coordinator));
    expect([...files.keys()].sort()).toEqual(['bad-rows.csv', 'expired.csv', 'new.csv', 'rows.csv']);
    for (const [name, bytes] of files) expect([name, bytes.subarray(0, 3)]).toEqual([name, BOM]);

    const rows = files.get('rows.csv')!.subarray(3).toString('utf8');
    expect(formulaCells(rows)).toEqual([]);
    // Quoted, so Excel where `;` separates cells keeps it one cell.
    expect(rows).toContain(`\r\n2,"x;=1+1",bad,`);
    const cells = (parse(rows, { relax_column_count: true }) as string[][]).slice(1);
    expect(cells.map(([row, crn]) => [row, crn])).toEqual([
      ['1', 'F320001'],
      ['2', 'x;=1+1'],
      ['3', "'-1+1"],
      ['4', "'@SUM(1+1)"],
    ]);
    expect(formulaCells(files.get('bad-rows.csv')!.toString('utf8'))).toEqual([]);
  });

  it('report CSVs start with the byte-order mark', async () => {
    const bytes = await bytesOf(
      '/v1/analytics/marac/repeat-rate?from=2024-01-01&to=2024-12-31&format=csv',
      tokens.analyst,
    );
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^period,measure,value\r\n/);
  });
});
