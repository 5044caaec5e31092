import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../../event-store/src/testing/event-fixtures';
import { AuditChain } from './audit-chain';
import { ChainOfAnotherLogError } from './chain-log-check';
import { ChainStore } from './chain-store';

let dir: string;
let sealedLog: SqliteEventStore;
let otherLog: SqliteEventStore;
let chain: ChainStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chain-log-'));
  sealedLog = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' });
  otherLog = new SqliteEventStore({ filename: join(dir, 'other-events.sqlite'), synchronous: 'OFF' });
  chain = new ChainStore(join(dir, 'audit-chain.sqlite'));
});
afterEach(async () => {
  chain.close();
  await sealedLog.close();
  await otherLog.close();
  rmSync(dir, { recursive: true, force: true });
});

function withChainFile(change: (db: Database.Database) => unknown): void {
  const db = new Database(join(dir, 'audit-chain.sqlite'));
  change(db);
  db.close();
}

describe('the audit chain and the log it seals', () => {
  it('refuses to seal another log through its seals, saying so, and seals nothing', async () => {
    await sealedLog.append('case-1', someEvents(2), { expected: 'no-stream' });
    expect((await new AuditChain(sealedLog, chain).sealPending()).sealed).toBe(2);
    // Longer than the sealed log, so its head is past the newest seal: only its identity tells.
    await otherLog.append('case-1', someEvents(5), { expected: 'no-stream' });

    const sealing = new AuditChain(otherLog, chain).sealPending();
    await expect(sealing).rejects.toBeInstanceOf(ChainOfAnotherLogError);
    await expect(sealing).rejects.toThrow(/seals another event log .*move it aside/);
    expect(chain.head()?.position).toBe(1n);
  });

  it('refuses a chain whose newest seal is ahead of the log (a log restored from an older backup)', async () => {
    await sealedLog.append('case-1', someEvents(4), { expected: 'no-stream' });
    await new AuditChain(sealedLog, chain).sealPending();
    await otherLog.append('case-1', someEvents(2), { expected: 'no-stream' });
    // A chain from before the sealed log's identity was recorded.
    withChainFile((db) => db.prepare('DELETE FROM sealed_log').run());

    await expect(new AuditChain(otherLog, chain).sealPending()).rejects.toThrow(
      /newest seal \(position 3\) is ahead of the log, whose head is 1/,
    );
  });

  it('lets a chain from an earlier release adopt the log it seals, once', async () => {
    await sealedLog.append('case-1', someEvents(2), { expected: 'no-stream' });
    withChainFile((db) => db.exec('DROP TABLE sealed_log'));
    chain.close();
    chain = new ChainStore(join(dir, 'audit-chain.sqlite'));
    expect((await new AuditChain(sealedLog, chain).sealPending()).sealed).toBe(2);
    await otherLog.append('case-1', someEvents(3), { expected: 'no-stream' });
    await expect(new AuditChain(otherLog, chain).sealPending()).rejects.toBeInstanceOf(ChainOfAnotherLogError);
  });
});

describe('the audit chain across a restored backup of the log', () => {
  // Back up the log before upgrading, upgrade, roll the data back to the backup, restart.
  it('keeps sealing a log restored from a copy made before the upgrade', async () => {
    const filename = join(dir, 'events.sqlite');
    await sealedLog.append('case-1', someEvents(2), { expected: 'no-stream' });
    await sealedLog.close();
    const eventsFile = new Database(filename);
    eventsFile.exec('DROP TABLE IF EXISTS log_identity');
    eventsFile.close();
    copyFileSync(filename, join(dir, 'events.backup.sqlite'));
    sealedLog = new SqliteEventStore({ filename, synchronous: 'OFF' });
    expect((await new AuditChain(sealedLog, chain).sealPending()).sealed).toBe(2);
    await sealedLog.close();
    copyFileSync(join(dir, 'events.backup.sqlite'), filename);

    sealedLog = new SqliteEventStore({ filename, synchronous: 'OFF' });
    await sealedLog.append('case-2', someEvents(3), { expected: 'no-stream' });
    expect((await new AuditChain(sealedLog, chain).sealPending()).sealed).toBe(3);
    expect(chain.head()?.position).toBe(4n);
  });

  it('records a log that was empty when sealing started once it has events, and refuses another log then', async () => {
    const sealer = new AuditChain(sealedLog, chain);
    expect((await sealer.sealPending()).sealed).toBe(0);
    await sealedLog.append('case-1', someEvents(1), { expected: 'no-stream' });
    expect((await sealer.sealPending()).sealed).toBe(1);
    await otherLog.append('case-1', someEvents(4), { expected: 'no-stream' });
    await expect(new AuditChain(otherLog, chain).sealPending()).rejects.toBeInstanceOf(ChainOfAnotherLogError);
  });
});
