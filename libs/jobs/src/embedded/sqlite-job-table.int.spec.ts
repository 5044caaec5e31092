import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobPayload } from '../job-view';
import { waitUntil } from '../testing/test-workers';
import { MAX_CANCEL_CLAIMS, SqliteJobTable } from './sqlite-job-table';

const payload: JobPayload = {
  kind: 'test-append',
  input: { n: 1 },
  principal: { id: 'analyst-1', name: 'A', agency: 'X', roles: ['analyst'], panels: [] },
  correlationId: 'c-1',
  inputDigest: 'd',
};

describe('embedded job table after a crash (the process died without releasing its jobs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-table-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('re-queues a job left running, counting the interrupted attempt; fails it on its last attempt', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const before = SqliteJobTable.inDataDir(dataDir);
    before.insert('job-a', payload, 2, now);
    before.insert('job-b', payload, 1, now);
    expect(before.claimNext(now)?.id).toBe('job-a');
    expect(before.claimNext(now)?.id).toBe('job-b');
    before.close(); // as if killed: both still marked running

    const after = SqliteJobTable.inDataDir(dataDir);
    expect(after.recoverInterrupted(now)).toBe(2);
    expect(after.find('job-a')).toMatchObject({ state: 'queued', attempts: 1 });
    expect(after.find('job-b')).toMatchObject({ state: 'failed', error: 'interrupted on its last attempt' });
    expect(after.claimNext(now)).toMatchObject({ id: 'job-a', attempt: 2 });
    after.close();
  });

  it('drops the files a dead run kept before its job was completed, and only those', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const file = { name: 'report.json', contentType: 'application/json', content: '{"subject":"synthetic"}' };
    const before = SqliteJobTable.inDataDir(dataDir);
    for (const id of ['kept-done', 'kept-retried', 'kept-last'])
      before.insert(id, payload, id === 'kept-last' ? 1 : 2, now);
    for (let claimed = 0; claimed < 3; claimed++) before.claimNext(now);
    before.complete('kept-done', { rows: 1 }, [file], now);
    before.keepFiles('kept-retried', [file]);
    before.keepFiles('kept-last', [file]);
    before.close(); // killed after keeping two runs' files, before either was completed

    const after = SqliteJobTable.inDataDir(dataDir);
    after.recoverInterrupted(now);
    expect(after.find('kept-retried')).toMatchObject({ state: 'queued', files: [] });
    expect(after.find('kept-last')).toMatchObject({ state: 'failed', files: [] });
    expect(after.file('kept-retried', 'report.json')).toBeUndefined();
    expect(after.file('kept-last', 'report.json')).toBeUndefined();
    expect(after.find('kept-done')).toMatchObject({ state: 'completed', files: [{ name: 'report.json' }] });
    expect(after.file('kept-done', 'report.json')?.content).toBe(file.content);
    after.close();
  });
});

describe('embedded job table: a cancellation hook that ends the process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-table-cancel-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`is told again after a crash, but after ${MAX_CANCEL_CLAIMS} crashes the job is cancelled untold, saying so`, () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const setUp = SqliteJobTable.inDataDir(dataDir);
    setUp.insert('upload', payload, 3, now);
    setUp.claimNext(now);
    setUp.fail('upload', 'simulated crash', 0, now);
    setUp.requestCancel('upload');
    setUp.close();
    for (let start = 1; start <= MAX_CANCEL_CLAIMS; start++) {
      const table = SqliteJobTable.inDataDir(dataDir);
      table.recoverInterrupted(now);
      expect(table.claimNext(now)).toMatchObject({ id: 'upload', cancelling: true });
      table.close(); // the hook killed the process: still marked running
    }
    const last = SqliteJobTable.inDataDir(dataDir);
    expect(last.recoverInterrupted(now)).toBe(1);
    expect(last.claimNext(now)).toBeUndefined();
    expect(last.find('upload')).toMatchObject({
      state: 'cancelled',
      attempts: 1,
      error: `cancelled without its kind being told: the process stopped while telling it ${MAX_CANCEL_CLAIMS} times`,
    });
    last.close();
    const stored = new Database(join(dataDir, 'jobs.sqlite'), { readonly: true });
    const row = stored.prepare('SELECT payload FROM jobs WHERE id = ?').get('upload') as { payload: string };
    stored.close();
    expect(JSON.parse(row.payload)).not.toHaveProperty('input');
  });
});

describe('embedded job table: jobs sharing an exclusive key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-table-key-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs them one at a time, in order; a job waiting for the key is not due; other jobs pass it', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const table = SqliteJobTable.inDataDir(dataDir);
    const keyed = { ...payload, exclusiveKey: 'iom-import:IOM' };
    table.insert('upload-1', keyed, 3, now);
    table.insert('upload-2', keyed, 3, now);
    table.insert('other', payload, 3, now);
    expect(table.claimNext(now)?.id).toBe('upload-1');
    expect(table.claimNext(now)?.id).toBe('other');
    expect(table.claimNext(now)).toBeUndefined();
    // Not due: otherwise the runner would wake every few milliseconds while the key is held.
    expect(table.nextDueInMs(now)).toBeUndefined();
    table.complete('upload-1', {}, [], now);
    expect(table.claimNext(now)).toMatchObject({ id: 'upload-2', attempt: 1 });
    table.close();
  });
});

describe('embedded job table: forgetting an input while another connection reads jobs.sqlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-table-scrub-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const walBytes = (): number => statSync(join(dataDir, 'jobs.sqlite-wal')).size;

  it('does not wait for the reader, and empties the log once the reader has gone', async () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const table = SqliteJobTable.inDataDir(dataDir, 50);
    table.insert('upload', { ...payload, input: { csv: 'K500001,,Kim,Synthetic,1983-01-01' } }, 1, now);
    table.claimNext(now);
    // A backup or the sqlite3 shell, in the middle of a read.
    const reader = new Database(join(dataDir, 'jobs.sqlite'), { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM jobs').get();
    const began = Date.now();
    table.complete('upload', {}, [], now);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(walBytes()).toBeGreaterThan(0);

    reader.prepare('COMMIT').run();
    reader.close();
    await waitUntil(
      async () => walBytes(),
      (bytes) => bytes === 0,
      2_000,
    );
    table.close();
  });
});

describe('embedded job table: whom a file is about, and who may read it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-table-about-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const now = new Date('2024-01-01T00:00:00Z');
  const SUBJECT = '3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b';

  it('keeps the people a file is about and the panels its readers sit on, and serves a file kept before either', () => {
    // A jobs.sqlite written before the column existed, holding one finished job's file.
    const old = new Database(join(dataDir, 'jobs.sqlite'));
    old.exec(`CREATE TABLE job_files (
      job_id TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, content TEXT NOT NULL,
      PRIMARY KEY (job_id, name))`);
    old.prepare('INSERT INTO job_files VALUES (?, ?, ?, ?)').run('old-job', 'rows.csv', 'text/csv', 'person_id\n');
    old.close();

    const table = SqliteJobTable.inDataDir(dataDir);
    expect(table.file('old-job', 'rows.csv')).toEqual({
      name: 'rows.csv',
      contentType: 'text/csv',
      content: 'person_id\n',
    });
    table.insert('new-job', payload, 1, now);
    table.claimNext(now);
    table.complete(
      'new-job',
      {},
      [
        {
          name: 'report.json',
          contentType: 'application/json',
          content: '{}',
          aboutPersonIds: [SUBJECT],
          readerPanels: ['MARAC'],
        },
      ],
      now,
    );
    expect(table.file('new-job', 'report.json')).toMatchObject({ aboutPersonIds: [SUBJECT], readerPanels: ['MARAC'] });
    table.close();
  });
});
