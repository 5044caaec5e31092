import Database from 'better-sqlite3';
import { VersionedProjectionDatabase } from '../../../../read-models/src/projection-database';
import { cohortProjection } from '../cohort.projection';

/** Empty cohort tables of the current version in a fresh in-memory database. */
export function emptyCohortTables(): { connection: Database.Database; tables: VersionedProjectionDatabase } {
  const connection = new Database(':memory:');
  const tables = new VersionedProjectionDatabase(connection, cohortProjection.name, cohortProjection.version);
  cohortProjection.migrate(tables);
  return { connection, tables };
}
