import { EventStoreUnavailableError } from '../port/errors';

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Codes meaning "the store cannot write or read right now", as opposed to a bug or a rejected
 * request. Out of memory and interrupt are among them: SQLite abandons the transaction, and the
 * caller can only try again later.
 */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL|NOMEM|INTERRUPT)/;

/** Failures one large write can cause on its own (disk or memory filled up), which smaller ones may not meet. */
const ONE_WRITE_CAN_CAUSE = /^SQLITE_(FULL|NOMEM|INTERRUPT)/;

/** The file could not be used (as opposed to a rejected request): the whole transaction must fail. */
export function isStorageFailure(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && UNAVAILABLE.test(code);
}

/** Whether a storage failure may be down to one append only, so its neighbours could still be written. */
export function mayConcernOneAppend(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && ONE_WRITE_CAN_CAUSE.test(code);
}

/** Reports storage trouble as the port's EventStoreUnavailableError; everything else passes through. */
export function translateSqliteError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === undefined || !UNAVAILABLE.test(code)) return error;
  return new EventStoreUnavailableError(`event database unavailable (${code}): ${(error as Error).message}`, {
    cause: error,
  });
}
