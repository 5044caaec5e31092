/**
 * npx ts-node --transpile-only libs/audit/src/testing/chain-benchmark.ts [events]
 *
 * Seals and verifies a synthetic embedded log (default 100,000 events, batches of 100, about
 * 600 bytes of data each) in a temporary directory, and prints events per second for both.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { AuditChain } from '../application/audit-chain';
import { ChainStore } from '../application/chain-store';

async function main(total: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-bench-'));
  const store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  const chainStore = ChainStore.inDataDir(dir);
  try {
    const now = new Date().toISOString();
    const metadata = {
      actor: { id: 'u-1', name: 'Bench User', agency: 'Bench Agency', roles: ['coordinator'] },
      correlationId: 'bench',
      causationId: 'bench',
      occurredAt: now,
      recordedAt: now,
      schemaVersion: 1,
    };
    for (let n = 0; n < total; n += 100) {
      const events = Array.from({ length: Math.min(100, total - n) }, (_, i) => ({
        id: randomUUID(),
        type: 'panel-discussed',
        data: { caseId: randomUUID(), note: 'x'.repeat(500), attendance: ['Police', 'Probation'], i },
        metadata,
      }));
      await store.append(`case-${n / 100}`, events, { expected: 'no-stream' });
    }
    const chain = new AuditChain(store, chainStore);
    let started = process.hrtime.bigint();
    const { sealed } = await chain.sealPending();
    const sealSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    started = process.hrtime.bigint();
    const report = await chain.verify(now);
    const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `sealed ${sealed} events in ${sealSeconds.toFixed(2)} s (${Math.round(sealed / sealSeconds)} events/s); ` +
        `verified ${report.checked} (ok=${String(report.ok)}) in ${verifySeconds.toFixed(2)} s ` +
        `(${Math.round(report.checked / verifySeconds)} events/s)\n`,
    );
  } finally {
    chainStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main(Number(process.argv[2] ?? 100_000));
