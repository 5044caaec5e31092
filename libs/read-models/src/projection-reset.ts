import type Database from 'better-sqlite3';
import type { CheckpointTable } from './checkpoint-table';
import { dropVersionObjects, versionsWithObjects } from './version-objects';

/**
 * Forgets everything about the named projections: every version's tables, checkpoints and the
 * active marker, in one transaction. The next set-up creates the registered version afresh at
 * position -1, which is how a rebuild from scratch starts.
 */
export function resetProjections(db: Database.Database, checkpoints: CheckpointTable, names: readonly string[]): void {
  db.transaction(() => {
    const rows = checkpoints.all();
    for (const name of names) {
      const versions = new Set([
        ...rows.filter((row) => row.name === name).map((row) => row.version),
        ...versionsWithObjects(db, name),
      ]);
      for (const version of versions) {
        dropVersionObjects(db, name, version);
        checkpoints.delete(name, version);
      }
      checkpoints.deactivate(name);
    }
  }).immediate();
}
