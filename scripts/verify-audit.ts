/**
 * npm run audit:verify [-- --anchor <position>:<hash>]
 *
 * Walks the tamper-evident audit chain of DATA_DIR (default ./data) against the event store
 * configured by the environment, as the service would, and prints `{ ok, checked, head?,
 * firstBroken? }` as JSON. Exit code 0 when the chain is intact, 1 when it is broken, 2 on a
 * usage or configuration error. Pending events are sealed first, exactly as the service does.
 * `--anchor` checks that the chain still passes through a head hash printed by an earlier run
 * and kept outside the system.
 */
import { AuditChain } from '../libs/audit/src/application/audit-chain';
import { parseAnchor } from '../libs/audit/src/application/anchor';
import { ChainStore } from '../libs/audit/src/application/chain-store';
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
  try {
    const report = await new AuditChain(store, chain).verify(new Date().toISOString(), anchors);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    chain.close();
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
