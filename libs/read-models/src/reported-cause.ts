/**
 * An error as `/ready` may show it. `/ready` answers without a login, and an error's own text may
 * quote what an event holds (a JSON parse error quotes the text it choked on; a projection's own
 * error may name a person), so only the storage's and the store's texts, which quote no event, are
 * shown; of anything else, its kind. The service log has every message in full.
 *
 * By shape, not `instanceof`: better-sqlite3's native addon keeps the error classes of the module
 * registry that first loaded it (see retried-statement.ts).
 */
export function reportedCause(error: unknown): string {
  const { name, message, code } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  if (typeof message !== 'string') return 'a thrown value (in the service log)';
  const fromStorage = typeof code === 'string' && code.startsWith('SQLITE_');
  if (fromStorage || name === 'EventStoreUnavailableError') return message;
  return `${typeof name === 'string' ? name : 'an error'} (its message is in the service log)`;
}
