import { EventStoreUnavailableError } from '../port/errors';

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Codes meaning "the file cannot be used right now", as opposed to a bug or a rejected request. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL)/;

/** The file could not be used (as opposed to a rejected request): the whole transaction must fail. */
export function isStorageFailure(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && UNAVAILABLE.test(code);
}

/** Reports storage trouble as the port's EventStoreUnavailableError; everything else passes through. */
export function translateSqliteError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === undefined || !UNAVAILABLE.test(code)) return error;
  return new EventStoreUnavailableError(`event database unavailable (${code}): ${(error as Error).message}`, {
    cause: error,
  });
}
