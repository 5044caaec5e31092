import type Database from 'better-sqlite3';
import type { ProjectionDatabase } from './projection-definition';
import { qualifiedName } from './projection-naming';

/**
 * One projection version's view of the read-model database. Lives as long as the version is
 * being projected, so its statement cache is prepared once and then reused for every event.
 */
export class VersionedProjectionDatabase implements ProjectionDatabase {
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Database.Database,
    readonly projection: string,
    readonly version: number,
  ) {}

  table(local: string): string {
    return qualifiedName(this.projection, this.version, local);
  }

  prepare<Result = unknown, Params extends unknown[] = unknown[]>(sql: string): Database.Statement<Params, Result> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<Params, Result>;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }
}
