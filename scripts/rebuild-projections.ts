/**
 * npm run projections:rebuild [-- [name] [--force]]
 *
 * Drops the read models (all registered projections, or the one named) in DATA_DIR (default
 * ./data) and replays them from the event store configured by the environment, as the app
 * would (EVENT_STORE, EVENTSTORE_CONNECTION_STRING, ...). Stop the application first; to
 * rebuild while it serves, bump the projection's version instead.
 *
 * Refused, with exit code 3 and nothing dropped, while another process has DATA_DIR's
 * read-models.sqlite open (a running API or worker would answer 503 read-model-rebuilding for as
 * long as the replay takes); `--force` rebuilds anyway. A name is refused, with exit code 1 and
 * nothing dropped, while the other read models were built from another event log (or a longer
 * one): only rebuilding them all makes them follow this log. Exit codes: 0 rebuilt, 1 a usage
 * error, no event log, a name refused so, or a projection failed, 3 refused because the read
 * models are in use.
 */
import { existsSync } from 'node:fs';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { loadConfig, ConfigError } from '../libs/platform/src/config/app-config';
import { createEventStore } from '../libs/platform/src/event-store/event-store.factory';
import { OtherProjectionsFromOtherLogError } from '../libs/read-models/src/log-identity-check';
import { ReadModelsInUse, rebuildReadModels, replaySummary } from '../libs/read-models/src/rebuild-command';
import { registeredProjections } from '../libs/read-models/src/registered-projections';

const USAGE = 'usage: npm run projections:rebuild [projection-name] [--force]\n';
/** Exit code: refused because another process has the read models open. */
const IN_USE = 3;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const [name, ...extra] = args.filter((arg) => arg !== '--force');
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (extra.length > 0) {
    process.stderr.write(USAGE);
    return 1;
  }
  const registered = [...new Set(registeredProjections.map((projection) => projection.name))];
  // Checked before the store is opened: a typo must not create an empty log where DATA_DIR points.
  if (name !== undefined && !registered.includes(name)) {
    process.stderr.write(
      `no registered projection is named "${name}" (registered: ${registered.join(', ') || 'none'})\n`,
    );
    return 1;
  }
  if (registeredProjections.length === 0) {
    process.stdout.write(
      'No projections are registered (libs/read-models/src/registered-projections.ts): nothing to rebuild.\n',
    );
    return 0;
  }
  const config = loadConfig(process.env);
  const logFile = SqliteEventStore.fileIn(config.dataDir);
  // Opening the embedded store creates it: a mistyped DATA_DIR would "rebuild" from a new, empty log.
  if (config.eventStore === 'sqlite' && !existsSync(logFile)) {
    process.stderr.write(`no event log at ${logFile}: check DATA_DIR (nothing was rebuilt)\n`);
    return 1;
  }
  const store = await createEventStore(config);
  try {
    process.stdout.write(`Rebuilding ${name ?? 'all projections'} in ${config.dataDir} ...\n`);
    const report = await rebuildReadModels({
      store,
      dataDir: config.dataDir,
      projections: registeredProjections,
      ...(name === undefined ? {} : { name }),
      force,
      log: { log: (m) => console.log(m), warn: (m) => console.warn(m), error: (m) => console.error(m) },
    });
    for (const projection of report.projections) {
      process.stdout.write(
        `  ${projection.name} v${projection.version}: position ${projection.position.toString()}, ${projection.state}` +
          `${projection.error === undefined ? '' : ` (${projection.error})`}\n`,
      );
    }
    const summary = replaySummary(report);
    if (summary !== undefined) process.stdout.write(`${summary}\n`);
    return report.projections.some((projection) => projection.state === 'failed') ? 1 : 0;
  } catch (error) {
    if (error instanceof OtherProjectionsFromOtherLogError) {
      process.stderr.write(`refused: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof ReadModelsInUse)) throw error;
    process.stderr.write(
      `refused: ${error.message}; stop it first, or rebuild anyway with --force (nothing was rebuilt)\n`,
    );
    return IN_USE;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
