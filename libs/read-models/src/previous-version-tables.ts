import { ServiceUnavailableException } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { ProjectionDefinition } from './projection-definition';
import { qualifiedName } from './projection-naming';
import { READ_MODEL_REBUILDING } from './read-model-rules';
import { columnsLacking, registeredTables, type LackingColumns } from './registered-schema';

/** An older version answering while the one a query is written for is rebuilt (a version bump). */
export interface PreviousVersion {
  readonly version: number;
  /** The version the query is written for, being rebuilt in the background. */
  readonly rebuilding: number;
  /** Its checkpoint: the answer is as of this log position (frozen, unless a release still carrying it moves it). */
  readonly position: bigint;
  /** What the query's version has and it does not, as `table.column`: read as NULL. */
  readonly lacking: readonly string[];
}

/**
 * How a query reads what the older version lacks. `null`: as NULL, for a query that marks those
 * fields unknown itself (the cohort tracker). `refused`: a statement that reads it fails with
 * `PreviousVersionLacksError` (503), for a view whose NULLs would be taken as facts: who holds a
 * record, what a split moved, and so who may see whom. A statement that reads none of it answers.
 */
export type LackingRead = 'null' | 'refused';

/** A statement read a column or table the older version answering does not have (`LackingRead` `refused`). */
export class PreviousVersionLacksError extends ServiceUnavailableException {
  override readonly name = 'PreviousVersionLacksError';
  constructor(projection: string, version: number, rebuilding: number, lacking: string) {
    super({
      message:
        `read model "${projection}" is answered by version ${version} while version ${rebuilding} is rebuilt, ` +
        `and version ${version} lacks ${lacking}, which this read needs; retry shortly`,
      rule: READ_MODEL_REBUILDING,
    });
  }
}

/** The SQL function a `refused` view reads in place of what it lacks; it throws PreviousVersionLacksError. */
const LACKS = 'read_model_version_lacks';

/** Table names for a query's SQL, with the older version answering in its place, if one is. */
export interface ServedTables {
  readonly projection: string;
  /** The version answering. */
  readonly version: number;
  table(local: string): string;
  readonly previous?: PreviousVersion;
}

/**
 * Gives a query written for the registered version the tables of an older one, shaped as its own:
 * each table whose columns differ is read through a TEMP VIEW on this (read-only) connection with
 * the registered version's columns, in its order, those the older one lacks as NULL, and a table
 * it lacks altogether as an empty view. Simple views are flattened into the query, so the older
 * tables' indexes still serve it. A column whose meaning changed under the same name is not seen:
 * a release that changes what a column holds names it anew.
 */
export class PreviousVersionTables {
  /** Per `name@old@new`, once settled: a version's tables are created once by its `migrate`, never altered. */
  private readonly lackingByVersion = new Map<string, LackingColumns>();

  constructor(private readonly connection: Database.Database) {
    // Evaluated only where a statement reads the value (SQLite flattens these views), so the rest answers.
    connection.function(LACKS, { deterministic: false }, (projection, old, rebuilding, lacking) => {
      throw new PreviousVersionLacksError(String(projection), Number(old), Number(rebuilding), String(lacking));
    });
  }

  tables(
    definition: ProjectionDefinition,
    version: number,
    position: bigint,
    read: LackingRead = 'null',
  ): ServedTables {
    const { lacking, held } = this.lackingIn(definition, version);
    const names = new Map<string, string>();
    for (const [local, columns] of registeredTables(definition)) {
      const have = held.get(local) ?? new Set<string>();
      const same = have.size === columns.length && columns.every((column) => have.has(column));
      names.set(
        local,
        same ? qualifiedName(definition.name, version, local) : this.view(definition, version, local, read),
      );
    }
    return {
      projection: definition.name,
      version,
      table: (local) => names.get(local) ?? qualifiedName(definition.name, version, local),
      previous: { version, rebuilding: definition.version, position, lacking },
    };
  }

  /** What queries written for `definition` read that `version` of it lacks. */
  lackingIn(definition: ProjectionDefinition, version: number): LackingColumns {
    const key = `${definition.name}@${version}@${definition.version}`;
    const known = this.lackingByVersion.get(key);
    if (known !== undefined) return known;
    const found = columnsLacking(this.connection, definition, version);
    if (found.settled) this.lackingByVersion.set(key, found);
    return found;
  }

  /**
   * The view's existence is looked up every time rather than remembered: one created inside a read
   * transaction that then rolled back is gone again.
   */
  private view(definition: ProjectionDefinition, version: number, local: string, read: LackingRead): string {
    const table = qualifiedName(definition.name, version, local);
    const name = `${table}_as_v${definition.version}${read === 'refused' ? '_or_refused' : ''}`;
    const exists = this.connection
      .prepare<[string], number>(`SELECT 1 FROM temp.sqlite_schema WHERE type = 'view' AND name = ?`)
      .pluck()
      .get(name);
    if (exists !== undefined) return name;
    const have = this.lackingIn(definition, version).held.get(local) ?? new Set<string>();
    const columns = registeredTables(definition).get(local) ?? [];
    const lacks = (what: string) =>
      read === 'null'
        ? 'NULL'
        : `${LACKS}(${literal(definition.name)}, ${version}, ${definition.version}, ${literal(what)})`;
    const select = columns.map((column) =>
      have.has(column) ? `"${column}"` : `${lacks(`${local}.${column}`)} AS "${column}"`,
    );
    // A table it lacks: no rows, or, refused, a row that cannot be read or even counted without failing.
    const from =
      have.size > 0 ? `FROM main."${table}"` : read === 'null' ? 'WHERE 0' : `FROM (SELECT 1) WHERE ${lacks(local)}`;
    // A view has no rowid of its own: a query ordering rows as they were written (`r.rowid`) reads the table's.
    if (read === 'refused' && have.size === 0) select.push(`${lacks(local)} AS rowid`);
    else if (read === 'refused' && this.hasRowid(table)) select.push('rowid');
    this.connection.exec(`CREATE TEMP VIEW IF NOT EXISTS "${name}" AS SELECT ${select.join(', ')} ${from}`);
    return name;
  }

  private hasRowid(table: string): boolean {
    const withoutRowid = this.connection
      .prepare<[string], number>(`SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?`)
      .pluck()
      .get(table);
    return withoutRowid === 0;
  }
}

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
