import type Database from 'better-sqlite3';
import type { ProjectionDatabase } from './projection-definition';
import { qualifiedName } from './projection-naming';

/**
 * One projection version's view of the read-model database. Lives as long as the version is
 * being projected, so whatever it caches is prepared once and then reused for every event:
 * `apply` runs per event at log speed, so lookups here must stay cheap.
 */
export class VersionedProjectionDatabase implements ProjectionDatabase {
  private readonly tableNames = new Map<string, string>();
  private readonly statementsBySql = new Map<string, Database.Statement<unknown[], unknown>>();
  private readonly built = new Map<(db: ProjectionDatabase) => unknown, unknown>();

  constructor(
    private readonly db: Database.Database,
    readonly projection: string,
    readonly version: number,
  ) {}

  table(local: string): string {
    let name = this.tableNames.get(local);
    if (name === undefined) {
      name = qualifiedName(this.projection, this.version, local);
      this.tableNames.set(local, name);
    }
    return name;
  }

  prepare<Result = unknown, Params extends unknown[] = unknown[]>(sql: string): Database.Statement<Params, Result> {
    let statement = this.statementsBySql.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statementsBySql.set(sql, statement);
    }
    return statement as Database.Statement<Params, Result>;
  }

  statements<T>(build: (db: ProjectionDatabase) => T): T {
    if (this.built.has(build)) return this.built.get(build) as T;
    const statements = build(this);
    this.built.set(build, statements);
    return statements;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }
}
