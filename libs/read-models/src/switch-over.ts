import type Database from 'better-sqlite3';
import { CheckpointMovedError } from './batch-applier';
import type { CheckpointTable } from './checkpoint-table';
import type { ProjectionInstance } from './projection-instance';
import { dropVersionObjects } from './version-objects';

/**
 * Makes a caught-up version the one that answers queries and drops the version it replaces,
 * in one transaction: a query resolving table names sees either the old version, whole, or the
 * new one, whole, and a crash leaves either both versions or only the new one.
 */
export function switchOver(
  db: Database.Database,
  checkpoints: CheckpointTable,
  target: ProjectionInstance,
  previous: ProjectionInstance | undefined,
  now: string,
): void {
  db.transaction(() => {
    if (checkpoints.position(target.name, target.version) !== target.checkpoint) {
      throw new CheckpointMovedError(`checkpoint of ${target.name} v${target.version} moved before its switch-over`);
    }
    const active = checkpoints.activeVersions().get(target.name);
    if (active !== undefined && active > target.version) {
      // A newer release took over meanwhile; the reload this causes leaves its version alone.
      throw new CheckpointMovedError(`${target.name} v${active}, newer than v${target.version}, answers queries now`);
    }
    checkpoints.activate(target.name, target.version, now);
    checkpoints.setState(target.name, target.version, 'live', null, now);
    if (previous !== undefined) {
      dropVersionObjects(db, previous.name, previous.version);
      checkpoints.delete(previous.name, previous.version);
    }
  }).immediate();
}
