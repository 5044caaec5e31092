import { EventStoreDBClient } from '@eventstore/db-client';

export interface ClientSettings {
  readonly connectionString: string;
  /** gRPC keep-alive ping interval; -1 disables. Client default 10 000 (lower values are warned about). */
  readonly keepAliveIntervalMs?: number;
  /** How long a keep-alive ping may go unanswered before the connection is dropped. */
  readonly keepAliveTimeoutMs?: number;
  /**
   * Deadline for each call. The client sends reads and appends with no call deadline of its own
   * (it only writes it into the request for the server), so the adapter enforces it on each read
   * and append itself (read-deadline.ts). Subscriptions have none.
   */
  readonly defaultDeadlineMs?: number;
}

export function createClient(settings: ClientSettings): EventStoreDBClient {
  return EventStoreDBClient.connectionString(connectionStringWith(settings));
}

/**
 * Adds keep-alive and deadline settings as connection-string options: the client lets a later
 * option override an earlier one, and TLS, discovery and credentials stay in the one string
 * operators already manage.
 */
export function connectionStringWith(settings: ClientSettings): string {
  const options: string[] = [];
  if (settings.keepAliveIntervalMs !== undefined) options.push(`keepAliveInterval=${settings.keepAliveIntervalMs}`);
  if (settings.keepAliveTimeoutMs !== undefined) options.push(`keepAliveTimeout=${settings.keepAliveTimeoutMs}`);
  if (settings.defaultDeadlineMs !== undefined) options.push(`defaultDeadline=${settings.defaultDeadlineMs}`);
  const base = settings.connectionString.trim();
  // With it false the client answers a concurrency conflict as `success: false` instead of
  // throwing, which the adapter (like the SQLite twin) reports as WrongExpectedRevisionError.
  if (/[?&]throw[_-]?on[_-]?append[_-]?failure=/i.test(base)) options.push('throwOnAppendFailure=true');
  if (options.length === 0) return base;
  return `${base}${base.includes('?') ? '&' : '?'}${options.join('&')}`;
}
