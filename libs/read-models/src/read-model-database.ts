import { ServiceUnavailableException } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { ProjectionDefinition } from './projection-definition';
import { refuseReadsFromOtherLog, type OtherLogCheck } from './other-log-refusal';
import { qualifiedName } from './projection-naming';
import { PreviousVersionTables, type LackingRead, type ServedTables } from './previous-version-tables';
import { READ_MODEL_REBUILDING } from './read-model-rules';
import { isMissingTable, retriedOnSwitchOver } from './retried-statement';

export { READ_MODEL_REBUILDING } from './read-model-rules';

/**
 * The projection has no active version (not registered, or never set up in this file, or being
 * rebuilt from scratch by `projections:rebuild`). Over HTTP it is a 503 with the rule
 * `read-model-rebuilding` (and Retry-After, from the problem filter) on whichever route needed the
 * view: it comes back once it is built, and the client may retry.
 */
export class ProjectionNotAvailableError extends ServiceUnavailableException {
  override readonly name = 'ProjectionNotAvailableError';
  constructor(readonly projection: string) {
    super({
      message: `read model "${projection}" is not available; it is being built, retry shortly`,
      rule: READ_MODEL_REBUILDING,
    });
  }
}

/**
 * The version answering was built by a newer release sharing the file (mid-deploy, or this
 * process rolled back), and it lacks something this release's queries read.
 */
export class NewerVersionLackingError extends ServiceUnavailableException {
  override readonly name = 'NewerVersionLackingError';
  constructor(definition: ProjectionDefinition, answering: number, lacking: readonly string[]) {
    super({
      message: `read model "${definition.name}" is answered by version ${answering}, built by a newer release, which lacks ${lacking.join(', ')} that this release (version ${definition.version}) reads; retry once every process runs the newer release`,
      rule: 'read-model-newer-version',
    });
  }
}

/** Table names of the version of a projection that currently answers queries. */
export interface ActiveTables {
  readonly projection: string;
  readonly version: number;
  /** `<name>_v<active version>_<local>` */
  table(local: string): string;
}

/** Prepared statements kept per SQL text; bounded because each switch-over yields new texts. */
const STATEMENT_CACHE_LIMIT = 500;

/**
 * What query services get: a read-only connection to the read models and the means to find a
 * projection's active tables. Resolution reads `projection_active` on every call (a primary-key
 * lookup), so a switch-over, even one made by another process, is seen at once.
 *
 * Resolve and query in the same synchronous call, or inside `read(...)`: the runtime shares
 * this thread, so nothing in this process can switch versions in between. Another process
 * sharing the file (an API and a worker mid-deploy) can: `statement` then resolves again.
 */
/** The version of a view that answers queries, the last log position it processed and its state, as the file says. */
export interface AnsweringVersion {
  readonly version: number;
  readonly position: bigint;
  /** As the runtime stores it (projection-state.ts): `failed` while its last batch threw. */
  readonly state: string;
}

export class ReadModelDatabase {
  private readonly activeVersion: Database.Statement<[string], number>;
  private answeringStatement?: Database.Statement<[string], { version: bigint; position: bigint; state: string }>;
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  private readonly previousVersions: PreviousVersionTables;
  private readonly refusingLackingReads = new Map<string, ProjectionDefinition>();

  /** `otherLog`: asked before every read (the runtime's log check); reads refuse while it says why. */
  constructor(
    readonly connection: Database.Database,
    private readonly otherLog?: OtherLogCheck,
  ) {
    this.activeVersion = connection.prepare<[string], number>('SELECT version FROM projection_active WHERE name = ?');
    this.activeVersion.pluck();
    this.previousVersions = new PreviousVersionTables(connection);
  }

  /** Opens the file the runtime writes, read-only. The runtime must have created it first. */
  static open(filename: string, otherLog?: OtherLogCheck): ReadModelDatabase {
    const connection = new Database(filename, { readonly: true, fileMustExist: true });
    connection.pragma('busy_timeout = 5000');
    return new ReadModelDatabase(connection, otherLog);
  }

  tables(projection: string): ActiveTables {
    refuseReadsFromOtherLog(projection, this.otherLog);
    const version = this.activeVersion.get(projection);
    if (version === undefined) throw new ProjectionNotAvailableError(projection);
    return { projection, version, table: (local) => qualifiedName(projection, version, local) };
  }

  /**
   * The tables a query written for `definition`'s version reads. While an older version answers
   * (a version bump's background rebuild), they are that version's, shaped as the query's own
   * (what it lacks reads as NULL, or refuses the statement reading it: see `LackingRead`), and `previous` says so, with its
   * position and what it lacks, for the query to refuse what it cannot answer and mark the rest.
   * Resolve and read inside one `read(...)`: another process's switch-over may drop the older tables.
   */
  tablesFor(definition: ProjectionDefinition, read: LackingRead = 'null'): ServedTables {
    const answering = this.answering(definition.name);
    if (answering === undefined) throw new ProjectionNotAvailableError(definition.name);
    if (answering.version < definition.version)
      return this.previousVersions.tables(definition, answering.version, answering.position, read);
    if (answering.version > definition.version) {
      // A newer release sharing the file keeps its newer version answering: read it only if it holds what we read.
      const { lacking } = this.previousVersions.lackingIn(definition, answering.version);
      if (lacking.length > 0) throw new NewerVersionLackingError(definition, answering.version, lacking);
    }
    return this.tables(definition.name);
  }

  /**
   * The version of `projection` answering queries with its checkpoint and state, read from the file
   * (whichever process moves it commits them with its tables): undefined while none answers.
   */
  answering(projection: string): AnsweringVersion | undefined {
    refuseReadsFromOtherLog(projection, this.otherLog);
    this.answeringStatement ??= this.connection
      .prepare<[string], { version: bigint; position: bigint; state: string }>(
        `SELECT a.version, c.position, c.state FROM projection_active a
           JOIN projection_checkpoints c ON c.name = a.name AND c.version = a.version WHERE a.name = ?`,
      )
      .safeIntegers();
    const row = this.answeringStatement.get(projection);
    return row === undefined ? undefined : { version: Number(row.version), position: row.position, state: row.state };
  }

  /**
   * A prepared statement over the projection's active tables, e.g.
   * `db.statement<Row, [string]>('case_counts', (t) => \`SELECT * FROM ${t.table('counts')} WHERE id = ?\`)`.
   * Cached by the resulting SQL, which names the version, so a switch-over never reuses a stale statement.
   *
   * Outside `read(...)` the version lookup, the prepare and the run are separate reads, and
   * another process may commit a switch-over in between, dropping the tables just resolved. The
   * statement is then prepared (and run) again against the version active now, once; if that
   * fails as well (switched again), or no version is active any more, the view is being rebuilt:
   * `ProjectionNotAvailableError` (503), not a `no such table` 500. (`iterate` is not retried.)
   */
  statement<Result = unknown, Params extends unknown[] = unknown[]>(
    projection: string,
    sql: (tables: ActiveTables) => string,
  ): Database.Statement<Params, Result> {
    const refusing = this.refusingLackingReads.get(projection);
    if (refusing !== undefined) return this.statementFor(refusing, sql);
    return this.statementOn(projection, () => this.tables(projection), sql);
  }

  /**
   * From now on every `statement` on `definition`'s projection is a `statementFor(definition, ...)`:
   * for a view whose NULLs, read from an older version, would be taken as facts, so that none of
   * its readers can read one.
   */
  refuseLackingReads(definition: ProjectionDefinition): void {
    this.refusingLackingReads.set(definition.name, definition);
  }

  /**
   * As `statement`, for a query written for `definition`'s version: while an older version answers
   * (a version bump's background rebuild) it reads that version's tables shaped as its own, and a
   * statement that reads what the older one lacks is refused, 503 `read-model-rebuilding` naming it
   * (`PreviousVersionLacksError`), where a plain `statement` would fail on the missing column.
   */
  statementFor<Result = unknown, Params extends unknown[] = unknown[]>(
    definition: ProjectionDefinition,
    sql: (tables: ActiveTables) => string,
  ): Database.Statement<Params, Result> {
    return this.statementOn(definition.name, () => this.servedTables(definition), sql);
  }

  /** `tablesFor(definition, 'refused')`, with no more than `tables` costs while the registered version answers. */
  private servedTables(definition: ProjectionDefinition): ActiveTables {
    const tables = this.tables(definition.name);
    return tables.version === definition.version ? tables : this.tablesFor(definition, 'refused');
  }

  private statementOn<Result, Params extends unknown[]>(
    projection: string,
    resolve: () => ActiveTables,
    sql: (tables: ActiveTables) => string,
  ): Database.Statement<Params, Result> {
    const resolved = resolve();
    const prepareAgain = (error: unknown): Database.Statement<unknown[], unknown> => {
      // A table missing from the version still active is the query's own mistake, not a race.
      if (this.activeVersion.get(projection) === resolved.version) throw error;
      try {
        return this.prepared(sql(resolve()));
      } catch (again) {
        if (isMissingTable(again)) throw new ProjectionNotAvailableError(projection);
        throw again;
      }
    };
    let statement: Database.Statement<unknown[], unknown>;
    try {
      statement = this.prepared(sql(resolved));
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      statement = prepareAgain(error);
    }
    return retriedOnSwitchOver(statement, prepareAgain) as Database.Statement<Params, Result>;
  }

  private prepared(text: string): Database.Statement<unknown[], unknown> {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.connection.prepare<unknown[], unknown>(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs `query` in one read transaction: every statement in it sees the same snapshot. */
  read<T>(query: () => T): T {
    return this.connection.transaction(query)();
  }

  close(): void {
    if (this.connection.open) this.connection.close();
  }
}
