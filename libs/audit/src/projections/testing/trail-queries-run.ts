import type Database from 'better-sqlite3';
import type { ReadModelDatabase } from '../../../../read-models/src/read-model-database';

/** One statement a query ran, with what it was bound to and how SQLite planned it. */
export interface QueryRun {
  readonly sql: string;
  readonly values: Record<string, unknown>;
  readonly plan: readonly string[];
}

/**
 * Records every statement `readModels` runs while `query` does, with its values and its query plan,
 * so a test can hold a query to the plan it was written for on the data it runs on.
 */
export function queriesRun(readModels: ReadModelDatabase, query: () => void): QueryRun[] {
  const calls: { sql: string; args: unknown[] }[] = [];
  const statement = readModels.statement.bind(readModels);
  const spy = jest.spyOn(readModels, 'statement').mockImplementation((projection, build) => {
    const target = statement(projection, build);
    const proxy: typeof target = new Proxy(target, {
      get(held, key) {
        const value: unknown = Reflect.get(held, key, held);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'all' || key === 'get' || key === 'iterate') calls.push({ sql: held.source, args });
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(held, args);
          return result === held ? proxy : result;
        };
      },
    });
    return proxy;
  });
  try {
    query();
  } finally {
    spy.mockRestore();
  }
  const db: Database.Database = readModels.connection;
  return calls.map(({ sql, args }) => ({
    sql,
    values: (args[0] ?? {}) as Record<string, unknown>,
    plan: db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...args)
      .map((row) => row.detail),
  }));
}
