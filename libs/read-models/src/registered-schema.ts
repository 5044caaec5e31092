import Database from 'better-sqlite3';
import { VersionedProjectionDatabase } from './projection-database';
import type { ProjectionDefinition } from './projection-definition';
import { qualifiedName, versionPrefix } from './projection-naming';

/** A version's tables, each by its local name, with its columns in order. */
export type TableColumns = ReadonlyMap<string, readonly string[]>;

export const columnsOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
    .all(table)
    .map((column) => column.name);

const registered = new WeakMap<ProjectionDefinition, TableColumns>();

/**
 * The tables and columns of `definition`'s version: what queries written for it may read. Taken
 * from its own `migrate`, run once on a scratch database, so it cannot drift from what the
 * queries were written against.
 */
export function registeredTables(definition: ProjectionDefinition): TableColumns {
  const known = registered.get(definition);
  if (known !== undefined) return known;
  const scratch = new Database(':memory:');
  try {
    definition.migrate(new VersionedProjectionDatabase(scratch, definition.name, definition.version));
    const prefix = versionPrefix(definition.name, definition.version);
    const tables = scratch
      .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .pluck()
      .all()
      .filter((name) => name.startsWith(prefix));
    const columns: TableColumns = new Map(
      tables.map((table) => [table.slice(prefix.length), columnsOf(scratch, table)]),
    );
    registered.set(definition, columns);
    return columns;
  } finally {
    scratch.close();
  }
}

/** What queries written for `definition` read that another `version` of it lacks, as `table.column`. */
export interface LackingColumns {
  readonly lacking: string[];
  /** The columns `version` has of each of the definition's tables (none: the table is not there). */
  readonly held: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * False when one of the tables was not there at all: read while another process was dropping
   * or creating the version (a reset or rebuild), so it says nothing lasting about that version.
   */
  readonly settled: boolean;
}

export function columnsLacking(
  connection: Database.Database,
  definition: ProjectionDefinition,
  version: number,
): LackingColumns {
  const lacking: string[] = [];
  const held = new Map<string, ReadonlySet<string>>();
  let settled = true;
  for (const [local, columns] of registeredTables(definition)) {
    const present = new Set(columnsOf(connection, qualifiedName(definition.name, version, local)));
    held.set(local, present);
    if (present.size === 0) settled = false;
    for (const column of columns) if (!present.has(column)) lacking.push(`${local}.${column}`);
  }
  return { lacking, held, settled };
}
