import Database from 'better-sqlite3';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { VersionedProjectionDatabase } from '../../../../read-models/src/projection-database';
import { cohortProjection } from '../cohort.projection';
import { wholeLog } from './whole-log';

/** Empty cohort tables of the current version in a fresh in-memory database. */
export function emptyCohortTables(): { connection: Database.Database; tables: VersionedProjectionDatabase } {
  const connection = new Database(':memory:');
  const tables = new VersionedProjectionDatabase(connection, cohortProjection.name, cohortProjection.version);
  cohortProjection.migrate(tables);
  return { connection, tables };
}

/** Cohort tables (with their indexes, as at the head) fed the store's whole log. */
export async function cohortTablesOf(
  store: EventStore,
): Promise<{ connection: Database.Database; tables: VersionedProjectionDatabase }> {
  const { connection, tables } = emptyCohortTables();
  cohortProjection.indexes?.(tables);
  const log = await wholeLog(store);
  const projected = log.filter((event) => cohortProjection.streamPrefixes?.some((p) => event.stream.startsWith(p)));
  connection.transaction(() => cohortProjection.applyBatch?.(tables, projected))();
  return { connection, tables };
}
