import type { ConnectionOptions } from 'bullmq';

/** While Redis is unreachable, an api request gives up after this many reconnection attempts. */
export const API_RETRIES_PER_REQUEST = 2;

/**
 * BullMQ bundles its own ioredis, so it gets connection options and opens its own connections;
 * our keys (owner index, cancel flags, files) use the application's ioredis client.
 */
export function bullMqConnection(redisUrl: string, use: 'worker' | 'api'): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // A worker's blocking reads wait as long as they must; the api answers 503 quickly instead.
    maxRetriesPerRequest: use === 'worker' ? null : API_RETRIES_PER_REQUEST,
  };
}
