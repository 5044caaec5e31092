import type Database from 'better-sqlite3';
import type { CheckpointRow, CheckpointTable } from './checkpoint-table';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectionInstance } from './projection-instance';
import { definitionsByName } from './projection-registry';
import { dropVersionObjects, versionsWithObjects } from './version-objects';

/**
 * Brings the database in line with the registry and returns the versions to follow, in one
 * transaction. Per registered name:
 * - the target (highest registered) version is set up if new: its `migrate` runs and its
 *   checkpoint row is written together, so a crash can never leave tables without a checkpoint;
 * - the active version keeps answering queries (and keeps moving if it is still registered);
 * - if nothing is active yet, the target stays inactive until it first reaches the head (the
 *   runtime's switch-over activates it): until then it holds only part of the log, and a query
 *   answering from it would pass that off as the whole truth, so queries get 503
 *   `read-model-rebuilding` instead (a fresh file, a killed `projections:rebuild`, `--force`);
 * - every other version of the name older than the target is dropped (newer ones: see below).
 * Names that are no longer registered are left untouched: their data is not ours to delete.
 *
 * A version newer than the target is never replaced: it was built by a newer release sharing
 * this file (an API and a worker mid-deploy, or a rollback of one of them). Taking over from it
 * would make that release rebuild from the start and take over back, over and over, each a full
 * replay. This process then only reports that version, frozen, and `onNewerActive` says so;
 * going back to an older release on purpose is `npm run projections:rebuild <name>`.
 *
 * Likewise a version newer than the target that is not active yet is that release's background
 * rebuild: dropping it would throw its progress away at every start and every reload of this
 * process, so it might never switch over. It is kept, reported (`rebuilding`, not moved here) and
 * `onNewerBuilding` says so.
 */
export function setUpInstances(
  db: Database.Database,
  checkpoints: CheckpointTable,
  projections: readonly ProjectionDefinition[],
  now: string,
  onNewerActive: (name: string, active: number, target: number) => void = () => undefined,
  onNewerBuilding: (name: string, version: number, target: number) => void = () => undefined,
): ProjectionInstance[] {
  const setUp = db.transaction((): ProjectionInstance[] => {
    const rows = checkpoints.all();
    const activeVersions = checkpoints.activeVersions();
    const instances: ProjectionInstance[] = [];
    for (const [name, definitions] of definitionsByName(projections)) {
      const target = definitions[definitions.length - 1];
      if (target === undefined) continue;
      const ownRows = rows.filter((row) => row.name === name);
      let activeVersion = activeVersions.get(name);
      if (activeVersion !== undefined && !ownRows.some((row) => row.version === activeVersion)) {
        // An active version without a checkpoint has no trustworthy tables: forget it.
        checkpoints.deactivate(name);
        activeVersion = undefined;
      }
      // Set up by a newer release sharing this file (see above): never ours to drop or move.
      const newer = ownRows.filter((row) => row.version > target.version);
      for (const row of newer) if (row.version !== activeVersion) onNewerBuilding(name, row.version, target.version);
      if (activeVersion !== undefined && activeVersion > target.version) {
        dropOtherVersions(db, checkpoints, name, ownRows, new Set(newer.map((row) => row.version)));
        onNewerActive(name, activeVersion, target.version);
        for (const row of newer) {
          const active = row.version === activeVersion;
          instances.push(new ProjectionInstance(db, name, row.version, undefined, row.position, active, row.state));
        }
        continue;
      }
      const keep = new Set([
        target.version,
        ...(activeVersion === undefined ? [] : [activeVersion]),
        ...newer.map((row) => row.version),
      ]);
      dropOtherVersions(db, checkpoints, name, ownRows, keep);
      for (const version of keep) {
        const definition = definitions.find((candidate) => candidate.version === version);
        const row = ownRows.find((candidate) => candidate.version === version);
        const active = version === activeVersion;
        // Only the target can lack a row: an active version without one was forgotten above, and
        // newer versions come from their rows. A newer version has no definition here: not moved.
        const instance =
          row === undefined
            ? createVersion(db, checkpoints, target, active, now)
            : new ProjectionInstance(db, name, version, definition, row.position, active, row.state);
        instances.push(instance);
      }
    }
    return instances;
  });
  return setUp.immediate();
}

function dropOtherVersions(
  db: Database.Database,
  checkpoints: CheckpointTable,
  name: string,
  rows: readonly CheckpointRow[],
  keep: ReadonlySet<number>,
): void {
  for (const row of rows) {
    if (keep.has(row.version)) continue;
    dropVersionObjects(db, name, row.version);
    checkpoints.delete(name, row.version);
  }
  // Objects of versions without a checkpoint row (left by hand or by an interrupted tool).
  const withRows = new Set(rows.map((row) => row.version));
  for (const version of versionsWithObjects(db, name)) {
    if (!keep.has(version) && !withRows.has(version)) dropVersionObjects(db, name, version);
  }
}

function createVersion(
  db: Database.Database,
  checkpoints: CheckpointTable,
  definition: ProjectionDefinition,
  active: boolean,
  now: string,
): ProjectionInstance {
  const { name, version } = definition;
  // Leftovers under this exact prefix would make `migrate`'s CREATE TABLE fail.
  dropVersionObjects(db, name, version);
  const instance = new ProjectionInstance(db, name, version, definition, -1n, active, '');
  try {
    definition.migrate(instance.db);
  } catch (error) {
    // SQLite's message ("incomplete input") names no projection; the process fails to start on it.
    throw new Error(`projection ${name} v${version}: migrate failed: ${messageOf(error)}`, { cause: error });
  }
  instance.persistedState = instance.state;
  checkpoints.insert(name, version, -1n, instance.persistedState, now);
  return instance;
}

/** Not `instanceof Error`: better-sqlite3's errors may come from another realm (a test's module registry). */
function messageOf(error: unknown): string {
  const message: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'message') : undefined;
  return typeof message === 'string' ? message : String(error);
}
