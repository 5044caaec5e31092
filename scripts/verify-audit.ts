/**
 * npm run audit:verify [-- --anchor <position>:<hash>]
 *
 * Walks the tamper-evident audit chain of DATA_DIR (default ./data) against the event store
 * configured by the environment and prints `{ ok, checked, head?, firstBroken?, unsealed,
 * sealedAtStart, inconsistencies, trail? }` as JSON. It never seals: sealing is the running service's job, and
 * a check that sealed first would vouch for whatever was written into the log while the service
 * was down. Events after the newest seal are listed under `unsealed` and checked only for
 * consistency (each stream's revisions, and SQLite positions, without holes); the trail read
 * model (`read-models.sqlite`, when present) is compared with the seals position by position, each
 * row whole with what the trail's projection derives from its sealed event.
 *
 * It creates nothing: a DATA_DIR or (embedded) event log that is not there is a configuration
 * error, not an empty system to vouch for. A log that holds events while the chain file is absent
 * or holds no seal is reported as `firstBroken.reason: 'chain-missing'`: the service seals every
 * append within moments, so the chain was removed — or no service ever ran on this log, which a
 * check cannot tell apart (start the service once to seal it; it notes them under `sealedAtStart`).
 *
 * Exit codes (an operator's cron reads 0 as "intact and all vouched for"):
 *   0  nothing sealed changed, the log is consistent, the trail matches, and every event is sealed;
 *   1  anything broken, missing (the chain too), inconsistent or altered;
 *   2  a usage or configuration error (no DATA_DIR, no event log there);
 *   3  intact as far as it goes, but events are unsealed: not vouched for by the chain (a running
 *      service seals within moments; one that is down seals on restart and notes them under
 *      `sealedAtStart`). Read `unsealed`.
 * `sealedAtStart` lists events a service sealed although they were recorded before it started:
 * appended while no service ran. It does not change the exit code (the chain vouches for them from
 * then on); an auditor reads it. `--anchor` checks that the chain still passes through a head hash
 * printed by an earlier run and kept outside the system: one past the newest seal is
 * `anchor-beyond-head` (exit 1), as the log's newest events cut off with their seals leave it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditChain } from '../libs/audit/src/application/audit-chain';
import { parseAnchor } from '../libs/audit/src/application/anchor';
import { ChainStore } from '../libs/audit/src/application/chain-store';
import { TrailRows } from '../libs/audit/src/application/trail-rows';
import { ReadModelDatabase } from '../libs/read-models/src/read-model-database';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { type AppConfig, ConfigError, loadConfig } from '../libs/platform/src/config/app-config';
import { createEventStore } from '../libs/platform/src/event-store/event-store.factory';

/** Exit code: nothing broken, but not everything sealed (see above). */
const UNSEALED = 3;
/** As `readModelFile` names it, without its creating DATA_DIR. */
const READ_MODELS_FILE = 'read-models.sqlite';
const USAGE = 'usage: npm run audit:verify [-- --anchor <position>:<sha256 hex>]\n';

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const anchors = new Map<bigint, string>();
  for (let i = 0; i < args.length; i++) {
    const anchor = args[i] === '--anchor' ? parseAnchor(args[i + 1] ?? '') : undefined;
    if (anchor === undefined) {
      process.stderr.write(USAGE);
      return 2;
    }
    anchors.set(anchor.position, anchor.hash);
    i++;
  }
  const config = loadConfig(process.env);
  const missing = missingFiles(config);
  if (missing !== undefined) {
    process.stderr.write(`${missing}: check DATA_DIR (nothing was verified, nothing created)\n`);
    return 2;
  }
  const store = await createEventStore(config);
  const chain = ChainStore.asFoundIn(config.dataDir);
  const readModelsFile = join(config.dataDir, READ_MODELS_FILE);
  const readModels = existsSync(readModelsFile) ? ReadModelDatabase.open(readModelsFile) : undefined;
  try {
    const report = await new AuditChain(store, chain).verify(new Date().toISOString(), {
      externalAnchors: anchors,
      ...(readModels === undefined ? {} : { trail: new TrailRows(readModels) }),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) return 1;
    return report.unsealed.count > 0 ? UNSEALED : 0;
  } finally {
    chain.close();
    readModels?.close();
    await store.close();
  }
}

/** What the check needs and must not create (opening the embedded store would create its log). */
function missingFiles(config: AppConfig): string | undefined {
  if (!existsSync(config.dataDir)) return `no data directory at ${config.dataDir}`;
  const logFile = SqliteEventStore.fileIn(config.dataDir);
  if (config.eventStore === 'sqlite' && !existsSync(logFile)) return `no event log at ${logFile}`;
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
