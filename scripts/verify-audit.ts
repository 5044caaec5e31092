/**
 * npm run audit:verify [-- --anchor <position>:<hash>]
 *
 * Walks the tamper-evident audit chain of DATA_DIR (default ./data) against the event store
 * configured by the environment and prints `{ ok, checked, head?, firstBroken?, unsealed,
 * inconsistencies, trail? }` as JSON. It never seals: sealing is the running service's job, and
 * a check that sealed first would vouch for whatever was written into the log while the service
 * was down. Events after the newest seal are listed under `unsealed` and checked only for
 * consistency (each stream's revisions, and SQLite positions, without holes); the trail read
 * model (`read-models.sqlite`, when present) is compared with the seals position by position.
 *
 * Exit code 0 when nothing sealed changed, the log is consistent and the trail matches, even
 * with events still unsealed (a running service seals within moments; a stopped one on restart;
 * read `unsealed` to review what the chain does not vouch for yet); 1 when anything is broken,
 * missing, inconsistent or altered; 2 on a usage or configuration error. `--anchor` checks that
 * the chain still passes through a head hash printed by an earlier run and kept outside the system.
 */
import { existsSync } from 'node:fs';
import { AuditChain } from '../libs/audit/src/application/audit-chain';
import { parseAnchor } from '../libs/audit/src/application/anchor';
import { ChainStore } from '../libs/audit/src/application/chain-store';
import { TrailRows } from '../libs/audit/src/application/trail-rows';
import { ReadModelDatabase } from '../libs/read-models/src/read-model-database';
import { readModelFile } from '../libs/read-models/src/read-model-schema';
import { ConfigError, loadConfig } from '../libs/platform/src/config/app-config';
import { createEventStore } from '../libs/platform/src/event-store/event-store.factory';

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
  const store = await createEventStore(config);
  const chain = ChainStore.inDataDir(config.dataDir);
  const readModelsFile = readModelFile(config.dataDir);
  const readModels = existsSync(readModelsFile) ? ReadModelDatabase.open(readModelsFile) : undefined;
  try {
    const report = await new AuditChain(store, chain).verify(new Date().toISOString(), {
      externalAnchors: anchors,
      ...(readModels === undefined ? {} : { trail: new TrailRows(readModels) }),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    chain.close();
    readModels?.close();
    await store.close();
  }
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
