import type Database from 'better-sqlite3';

/** Modifiers a caller sets on a statement before running it; replayed on a statement prepared again. */
const MODIFIERS = new Set<PropertyKey>(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);
/** The calls that read the tables: where a switch-over by another process surfaces as `no such table`. */
const RUNNERS = new Set<PropertyKey>(['get', 'all', 'run']);

/**
 * By shape, not `instanceof Database.SqliteError`: the native addon keeps the error class of the
 * first module registry that loaded it, so under Jest a later spec file's class is another one.
 */
export function isMissingTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_ERROR' && typeof message === 'string' && message.startsWith('no such table');
}

/**
 * `statement`, run once more on `again()` when running it finds its tables gone. `again` decides
 * whether that is a switch-over (and prepares for the version active now) or rethrows. Modifiers
 * (`pluck`, `raw`, ...) set on this handle are set on the new statement too.
 */
export function retriedOnSwitchOver<S extends Database.Statement<unknown[], unknown>>(
  statement: S,
  again: (error: unknown) => Database.Statement<unknown[], unknown>,
): S {
  const modifiers: [PropertyKey, unknown[]][] = [];
  const call = (target: object, key: PropertyKey, args: unknown[]): unknown =>
    (Reflect.get(target, key, target) as (...a: unknown[]) => unknown).apply(target, args);
  const handle: S = new Proxy(statement, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (MODIFIERS.has(key))
        return (...args: unknown[]) => {
          modifiers.push([key, args]);
          call(target, key, args);
          return handle;
        };
      if (RUNNERS.has(key))
        return (...args: unknown[]) => {
          try {
            return call(target, key, args);
          } catch (error) {
            if (!isMissingTable(error)) throw error;
            const fresh = again(error);
            for (const [modifier, modifierArgs] of modifiers) call(fresh, modifier, modifierArgs);
            return call(fresh, key, args);
          }
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return handle;
}
