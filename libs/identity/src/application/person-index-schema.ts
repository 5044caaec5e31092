import Database from 'better-sqlite3';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { qualifiedName, versionPrefix } from '../../../read-models/src/projection-naming';
import { PERSON_INDEX, personIndexProjection } from '../projections';

type Columns = ReadonlyMap<string, readonly string[]>;

const columnsOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
    .all(table)
    .map((column) => column.name);

let registered: Columns | undefined;

/**
 * The tables and columns of the version this release registers, each by its local name: what its
 * queries may read. Taken from the version's own `migrate`, run once on a scratch database, so
 * it cannot drift from what the queries were written against.
 */
function registeredColumns(): Columns {
  if (registered !== undefined) return registered;
  const scratch = new Database(':memory:');
  try {
    personIndexProjection.migrate(
      new VersionedProjectionDatabase(scratch, PERSON_INDEX, personIndexProjection.version),
    );
    const prefix = versionPrefix(PERSON_INDEX, personIndexProjection.version);
    const tables = scratch
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .all()
      .map((table) => table.name)
      .filter((name) => name.startsWith(prefix));
    registered = new Map(tables.map((table) => [table.slice(prefix.length), columnsOf(scratch, table)]));
    return registered;
  } finally {
    scratch.close();
  }
}

/** What this release's queries read that a version of the person index lacks, as `table.column`. */
export interface LackingColumns {
  readonly lacking: string[];
  /**
   * False when one of the tables was not there at all: read while another process was dropping
   * or creating the version (a reset or rebuild), so it says nothing lasting about that version.
   */
  readonly settled: boolean;
}

/** What this release's queries read that `version` of the person index (built by another release) does not have. */
export function columnsLacking(connection: Database.Database, version: number): LackingColumns {
  const lacking: string[] = [];
  let settled = true;
  for (const [local, columns] of registeredColumns()) {
    const present = new Set(columnsOf(connection, qualifiedName(PERSON_INDEX, version, local)));
    if (present.size === 0) settled = false;
    for (const column of columns) if (!present.has(column)) lacking.push(`${local}.${column}`);
  }
  return { lacking, settled };
}
