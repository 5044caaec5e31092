import type Database from 'better-sqlite3';
import { versionPrefix } from './projection-naming';

/** Drop order: nothing may still refer to a table when it goes. Indexes go with their tables. */
const DROP_ORDER = ['trigger', 'view', 'table'] as const;

/**
 * Drops every table, view and trigger of one projection version, found by its name prefix.
 * Runs inside the caller's transaction (a switch-over or a rebuild), so it is all or nothing.
 */
export function dropVersionObjects(db: Database.Database, name: string, version: number): void {
  const prefix = versionPrefix(name, version);
  const objects = db
    .prepare<
      [number, string],
      { type: string; name: string }
    >('SELECT type, name FROM sqlite_schema WHERE substr(name, 1, ?) = ?')
    .all(prefix.length, prefix);
  for (const type of DROP_ORDER) {
    for (const object of objects) {
      if (object.type === type) db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${object.name}"`);
    }
  }
}

/** Versions of `name` that have objects in the database, whether or not they have a checkpoint. */
export function versionsWithObjects(db: Database.Database, name: string): number[] {
  const prefix = `${name}_v`;
  const names = db
    .prepare<[number, string], string>('SELECT name FROM sqlite_schema WHERE substr(name, 1, ?) = ?')
    .pluck()
    .all(prefix.length, prefix);
  const versions = new Set<number>();
  for (const objectName of names) {
    // Projection names never contain `_v<digit>`, so the first `_v<digits>_` after the name is the version.
    const match = /^(\d+)_/.exec(objectName.slice(prefix.length));
    if (match?.[1] !== undefined) versions.add(Number(match[1]));
  }
  return [...versions];
}
