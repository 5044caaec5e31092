import type Database from 'better-sqlite3';
import { versionPrefix } from '../projection-naming';

export type TableDump = Record<string, unknown[]>;

/**
 * Every row of every table of a projection's active version, keyed by local table name and
 * sorted by all columns, so two read-model files can be compared with `toEqual` regardless of
 * insertion order. Tables named in `rowidOf` (local names) keep their rowid as a `rowid` column:
 * for tables whose queries read it (an order, a position), where it is part of the view's meaning.
 */
export function dumpProjection(db: Database.Database, name: string, rowidOf: readonly string[] = []): TableDump {
  const version = db
    .prepare<[string], number>('SELECT version FROM projection_active WHERE name = ?')
    .pluck()
    .get(name);
  if (version === undefined) throw new Error(`projection ${name} has no active version`);
  const prefix = versionPrefix(name, version);
  const tables = db
    .prepare<
      [number, string],
      string
    >("SELECT name FROM sqlite_schema WHERE type = 'table' AND substr(name, 1, ?) = ? ORDER BY name")
    .pluck()
    .all(prefix.length, prefix);
  const dump: TableDump = {};
  for (const table of tables) {
    const local = table.slice(prefix.length);
    const select = rowidOf.includes(local) ? 'rowid, *' : '*';
    const columns = db.prepare(`SELECT ${select} FROM "${table}" LIMIT 0`).columns().length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    dump[local] = db.prepare(`SELECT ${select} FROM "${table}" ORDER BY ${order}`).all();
  }
  return dump;
}

export function dumpProjections(
  db: Database.Database,
  names: readonly string[],
  rowidOf: Readonly<Record<string, readonly string[]>> = {},
): Record<string, TableDump> {
  return Object.fromEntries(names.map((name) => [name, dumpProjection(db, name, rowidOf[name])]));
}
