import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscoveryService, Reflector } from '@nestjs/core';
import { JobKindRegistry } from '../job-kind-registry';
import type { JobKind } from '../job-kind';
import type { JobPayload } from '../job-view';
import { EmbeddedJobQueue } from './embedded-job-queue';
import { SqliteJobTable } from './sqlite-job-table';

// Synthetic upload: what a finished job must not keep.
const UPLOAD = 'CRN,Forenames,Surname\nA300001,Ada,Retentiontest\n';
const payload = (input: unknown = { csv: UPLOAD }): JobPayload => ({
  kind: 'test-upload-kept',
  input,
  principal: { id: 'coord-1', name: 'C', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] },
  correlationId: 'c-1',
  inputDigest: 'd',
});

describe('embedded job records: what a finished job keeps', () => {
  let dataDir: string;
  let table: SqliteJobTable;
  const now = new Date('2024-01-01T00:00:00Z');
  /** The stored record as another reader of jobs.sqlite sees it. */
  const storedPayloads = (): string[] => {
    const db = new Database(join(dataDir, 'jobs.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT payload FROM jobs ORDER BY seq').all() as { payload: string }[]).map((r) => r.payload);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccb-job-retention-'));
    table = SqliteJobTable.inDataDir(dataDir);
  });
  afterEach(() => {
    table.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forgets the uploaded input once a job is completed, cancelled or has failed for good; keeps its result', () => {
    for (const id of ['completed', 'cancelled-queued', 'cancelled-running', 'failed', 'interrupted'])
      table.insert(id, payload(), id === 'interrupted' ? 1 : 3, now);
    table.claimNext(now);
    table.complete('completed', { rows: 1 }, [{ name: 'rows.csv', contentType: 'text/csv', content: 'row\n1\n' }], now);
    table.markCancelled('cancelled-queued', now);
    table.claimNext(now);
    table.requestCancel('cancelled-running');
    table.markCancelled('cancelled-running', now);
    table.claimNext(now);
    table.fail('failed', 'boom', undefined, now);
    table.claimNext(now);
    table.recoverInterrupted(now);

    expect(storedPayloads().filter((p) => p.includes('Retentiontest'))).toEqual([]);
    expect(table.find('completed')).toMatchObject({ state: 'completed', summary: { rows: 1 } });
    expect(table.file('completed', 'rows.csv')?.content).toBe('row\n1\n');
    expect(table.find('interrupted')).toMatchObject({ state: 'failed' });
  });

  it('leaves no copy of a finished upload in the files on disk, not even in freed pages or the log', () => {
    table.insert('completed', payload(), 3, now);
    table.insert('cancelled', payload(), 3, now);
    table.claimNext(now);
    table.complete('completed', { rows: 1 }, [], now);
    table.markCancelled('cancelled', now);
    const onDisk = readdirSync(dataDir)
      .filter((name) => name.startsWith('jobs.sqlite'))
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1'));
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk.filter((bytes) => bytes.includes('Retentiontest'))).toEqual([]);
  });

  it('keeps the input of a job waiting for its retry, which runs it again', () => {
    table.insert('retried', payload(), 3, now);
    table.claimNext(now);
    table.fail('retried', 'temporary', 1_000, now);
    expect(table.claimNext(new Date(now.getTime() + 1_000))).toMatchObject({
      id: 'retried',
      payload: { input: { csv: UPLOAD } },
    });
  });

  it('a finished job forgets jobs finished longer ago than the retention, without waiting for a restart', async () => {
    const registry = new JobKindRegistry({} as DiscoveryService, {} as Reflector);
    const kind: JobKind = {
      kind: 'test-upload-kept',
      summary: 'test',
      roles: ['coordinator'],
      parseInput: (request) => request.body,
      run: async () => ({ summary: {} }),
    };
    registry.add(kind);
    table.insert('old', payload(), 3, new Date('2020-01-01T00:00:00Z'));
    table.markCancelled('old', new Date('2020-01-01T00:00:00Z'));
    const queue = new EmbeddedJobQueue(table, registry, {
      concurrency: 1,
      attempts: 3,
      backoffMs: 10,
      retentionDays: 7,
    });
    const fresh = await queue.enqueue(payload({ n: 1 }));
    const until = Date.now() + 5_000;
    while ((await queue.find(fresh.id))?.state !== 'completed' && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setImmediate(resolve));

    expect(await queue.find(fresh.id)).toMatchObject({ state: 'completed' });
    expect(await queue.find('old')).toBeUndefined();
  });
});
