import { randomUUID } from 'node:crypto';
import { MAX_APPEND_BYTES } from '../../../event-store/src/port/append-limits';
import { downloadParts, fileListing, IDS_PER_ENTRY } from './job-file-listing';

const csvFile = (content: string) => ({ name: 'rows.csv', contentType: 'text/csv; charset=utf-8', content });

describe('the people and cases a job file lists', () => {
  it('takes ids from person_id, …_person_id and case_id columns, not blanks or other text', () => {
    const [person, other, kase] = [randomUUID(), randomUUID(), randomUUID()];
    const listing = fileListing(
      csvFile(
        `row,crn,person_id,case_id,victim_person_id\r\n1,"A1,x",${person},${kase},${other}\r\n2,B2,,,not-an-id\r\n`,
      ),
    );
    expect(listing).toEqual({ rows: 2, parts: [{ caseIds: [kase], personIds: [person, other] }] });
  });

  it('counts the rows of a file naming nobody, and reads nothing into a file that is not CSV', () => {
    expect(fileListing(csvFile('month,change,pseudonym\r\n2024-03,would-come-in,ab12\r\n'))).toEqual({
      rows: 1,
      parts: [],
    });
    const json = { name: 'data-dictionary.json', contentType: 'application/json', content: '{"personId":"x"}' };
    expect(fileListing(json)).toBeUndefined();
  });

  it('splits 10,000 rows into parts small enough for one trail entry and one append each, keeping every id', () => {
    const rows = Array.from({ length: 10_000 }, () => [randomUUID(), randomUUID()]);
    const listing = fileListing(csvFile(['person_id,case_id', ...rows.map((r) => r.join(','))].join('\r\n')));
    expect(listing?.rows).toBe(10_000);
    expect(listing?.parts).toHaveLength(10_000 / IDS_PER_ENTRY);
    for (const part of listing?.parts ?? []) {
      expect(part.personIds.length).toBeLessThanOrEqual(IDS_PER_ENTRY);
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThan(MAX_APPEND_BYTES / 4);
    }
    expect(new Set(listing?.parts.flatMap((p) => p.personIds)).size).toBe(10_000);
    expect(new Set(listing?.parts.flatMap((p) => p.caseIds)).size).toBe(10_000);
  });
});

describe('the people a download of a job file is recorded under', () => {
  it('are those the file says it is about, alone, when it says so; else those its id columns list', () => {
    const [subject, thirdParty, kase] = [randomUUID(), randomUUID(), randomUUID()];
    const file = csvFile(`person_id,case_id\r\n${thirdParty},${kase}\r\n`);
    expect(downloadParts(file, fileListing(file))).toEqual([{ caseIds: [kase], personIds: [thirdParty] }]);
    const about = { ...file, aboutPersonIds: [subject, subject] };
    expect(downloadParts(about, fileListing(about))).toEqual([{ caseIds: [], personIds: [subject] }]);
    const json = { name: 'report.json', contentType: 'application/json', content: '{}', aboutPersonIds: [subject] };
    expect(downloadParts(json, fileListing(json))).toEqual([{ caseIds: [], personIds: [subject] }]);
  });
});
